#pragma once
// The Content-Disposition of a download (RFC 6266): `attachment`, a plain
// ASCII `filename` for clients that read nothing else, and the name as typed in
// `filename*` (RFC 8187, formerly RFC 5987: UTF-8, every byte outside the
// attr-chars percent-encoded), which clients that know it prefer.

#include <string>

namespace casereview::web {

// The header value for a download named `file_name` (UTF-8, as stored):
// `filename` alone when the name is plain, both forms otherwise. In the
// fallback every character but letters, digits, ". - _ ( ) +" and the space
// becomes one "_", so no `;`, `=`, quote, backslash, control or bidirectional
// character can end the parameter or disguise the extension: the name
// `x;filename=evil.html;.txt` stays one name ending in ".txt" in both forms.
// A name that is empty or only dots and spaces is "download".
std::string attachment_disposition(const std::string& file_name);

}  // namespace casereview::web

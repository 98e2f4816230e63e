#pragma once
// What the server's secret key is used for: stable pseudonyms for the children
// cases are about (so a scrutineer can follow one child across cases without
// learning who it is) and signatures of audit checkpoints. The key lives
// outside the database (see web/src/server_key.*), so whoever holds only the
// database can neither reverse a pseudonym nor re-sign a checkpoint.

#include <string>

#include "casereview/engine/subject.h"

namespace casereview {

// HMAC-SHA256 of `data` with `key`, as 64 hex digits. `key` is any length.
std::string hmac_hex(const std::string& key, const std::string& data);

// "C-" and ten letters and digits, the same for every case about the same child
// (the same name, case-folded, and date of birth, else the same NHS number, else
// only this subject), different for different children. An empty `key` still
// gives one; callers that have no key show none (RequestContext::pseudonym_key).
std::string pseudonym(const std::string& key, const Subject& subject);

}  // namespace casereview

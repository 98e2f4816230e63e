#pragma once
// Text as people type it (ICU, Debian's libicu). Everything a person types
// reaches the engine as UTF-8 (the JSON reader refuses anything else); this is
// where it is made comparable and countable. The rule, which README's "Text as
// people type it" states for users:
//
// - Every text is stored in Unicode normal form C, so that "Zoë" typed with a
//   combining diaeresis and "Zoë" pasted from a word processor are the same text.
// - A *line* (a name, a reference, a file name, an NHS number: anything short
//   that identifies) may not hold a control character (tab and line breaks
//   included), a character that changes the direction of the text, or an
//   invisible formatting character (zero-width space, soft hyphen, word
//   joiner, byte-order mark; the joiners and the tag characters that shape
//   scripts and emoji are kept). Such a line is refused, never silently changed:
//   what identifies must be what was typed.
// - A *block* (a summary, a rationale, notes) keeps its line breaks (CR LF and
//   CR become LF; the Unicode line and paragraph separators too) and tabs.
//   The invisible characters a word processor leaves behind (zero-width space,
//   word joiner, byte-order mark, soft hyphen, and the left-to-right,
//   right-to-left and Arabic letter marks) are removed. Any other control
//   character (NUL, BEL, the escape that starts a terminal colour) and the
//   embeddings, overrides and isolates that reorder text are refused.
// - Lengths and minimums count user-perceived characters (grapheme clusters):
//   "é" is one character however it is encoded, a flag emoji is one.
// - "Must not be empty" means at least one visible character: spaces and
//   invisible characters alone are empty.
// - Identity matching (duplicate warnings, free-text screening) compares
//   identity_fold(), never the stored text.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace casereview::text {

enum class Kind {
  Line,   // short and identifying: names, references, file names
  Block,  // free text over one or more lines
};

// `utf8` in normal form C; for a block also with line breaks made LF and the
// removable invisible characters (above) taken out. A line is only normalised.
// `utf8` must be valid UTF-8 (an invalid sequence becomes U+FFFD).
std::string cleaned(std::string_view utf8, Kind kind);

// The first character a text of `kind` may not hold (after cleaned()).
struct ForbiddenCharacter {
  char32_t code_point = 0;
  std::size_t position = 0;  // in user-perceived characters, from 1
  std::string kind;          // "a control character", "a character that changes the text's direction",
                             // "an invisible character"
  // "a control character (U+0007 BELL) at character 4": what an error message says.
  std::string described() const;
};
std::optional<ForbiddenCharacter> forbidden_character(std::string_view utf8, Kind kind);

// User-perceived characters (extended grapheme clusters).
std::size_t characters(std::string_view utf8);
// Characters that show something, not counting spaces at either end: a
// character made only of white space, control or default-ignorable code points
// (zero-width space, soft hyphen, ...) shows nothing. Spaces between words count.
std::size_t visible_characters(std::string_view utf8);

// The form identities are compared in: apostrophes (’ ‘ ʼ ′ ` ´) become ',
// dashes (‐ – — − ...) become -, every kind of space becomes one space;
// then NFKC with case folding (which also drops the default-ignorable
// characters: zero-width spaces, soft hyphens, joiners); then a letter of
// another script that looks like a Latin letter (Cyrillic "а", Greek "ο") is
// read as that letter (Unicode's confusables, through ICU's spoof checker);
// runs of spaces become one and spaces at the ends go. Plain ASCII text folds
// to its lower case with its spaces collapsed.
std::string identity_fold(std::string_view utf8);

// The decimal digits of `utf8`, of any script (full-width "１２３" included), as
// ASCII digits; everything else left out.
std::string digits(std::string_view utf8);

// True when `utf8` is only decimal digits (of any script) and spaces.
bool only_digits_and_spaces(std::string_view utf8);

// `text` with A-Z made a-z and every other byte as it was: for names whose
// letters the service itself defines (file extensions, usernames, column
// headings), never for what people write, which identity_fold() compares.
std::string ascii_lower(std::string text);

}  // namespace casereview::text

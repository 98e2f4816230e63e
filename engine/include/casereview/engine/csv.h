#pragma once
// Comma-separated values as RFC 4180 writes them, for exports that partnerships
// open in a spreadsheet and for the spreadsheets they import.
//
// Writing: UTF-8, one header row, CRLF line ends, a field quoted when it holds a
// comma, a quote, CR or LF (quotes doubled). A text field that a spreadsheet
// would run as a formula (its first character is = + - @, a tab or CR) is
// neutralised with a leading apostrophe, as OWASP advises for CSV injection;
// numbers are written as numbers and never neutralised.
//
// Reading: the same grammar, CRLF or LF line ends, a UTF-8 byte-order mark
// skipped. Malformed text (a quote inside an unquoted field, an unclosed quote,
// text after a closing quote) is a CsvError naming the line.

#include <stdexcept>
#include <string>
#include <vector>

namespace casereview {

struct CsvError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class CsvTable {
 public:
  explicit CsvTable(std::vector<std::string> columns);

  const std::vector<std::string>& columns() const { return columns_; }

  // Starts a row; cells are then added left to right. A row with fewer cells
  // than columns is padded with empty fields when written.
  CsvTable& row();
  CsvTable& text(const std::string& value);  // neutralised when formula-like
  CsvTable& number(long long value);
  CsvTable& number(double value, int decimals);
  CsvTable& empty();

  std::size_t row_count() const { return rows_; }
  // The whole table: the header row, then every row, each ended by CRLF. The
  // table is kept as that text from the start, each cell written as it is
  // added: an export of a national year's clocks is tens of thousands of rows,
  // and a string for each of their cells took several times the text's size.
  std::string str() const&;
  // The same, taken from a table not used after.
  std::string str() &&;
  // What has been written so far but the last row's end, taken: the table
  // goes on from there, and str() then gives the rest. For a long table sent
  // as it is written; what is taken and then str() are the whole text.
  std::string take_written();

 private:
  void add(const std::string& written);
  // The empty fields that end the row being written, and its CRLF.
  std::string end_of_row() const;

  std::vector<std::string> columns_;
  std::string text_;  // the header row and every row written, but the last row's end
  std::size_t rows_ = 0;
  std::size_t cells_in_row_ = 0;  // of the last row
};

// A text value as a spreadsheet will not run it: "'" + value when formula-like.
std::string formula_safe(const std::string& value);

// One field as written: quoted when it must be.
std::string csv_field(const std::string& value);

// Every record of `text`, the header row first; trailing empty line ignored.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

}  // namespace casereview

#include "casereview/engine/csv.h"

#include <algorithm>
#include <cstdio>

namespace casereview {

std::string formula_safe(const std::string& value) {
  if (value.empty()) return value;
  switch (value.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return "'" + value;
    default:
      return value;
  }
}

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

CsvTable::CsvTable(std::vector<std::string> columns) : columns_(std::move(columns)) {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (i) text_ += ',';
    text_ += csv_field(columns_[i]);
  }
  text_ += "\r\n";
}

std::string CsvTable::end_of_row() const {
  // As many commas as the fields still missing: a row of no cells at all is
  // one empty field and the rest.
  const std::size_t written = std::max<std::size_t>(cells_in_row_, 1);
  return std::string(columns_.size() > written ? columns_.size() - written : 0, ',') + "\r\n";
}

CsvTable& CsvTable::row() {
  if (rows_ > 0) text_ += end_of_row();
  ++rows_;
  cells_in_row_ = 0;
  return *this;
}

void CsvTable::add(const std::string& written) {
  if (rows_ == 0) throw std::logic_error("CsvTable: a cell before the first row()");
  if (cells_in_row_ == columns_.size()) throw std::logic_error("CsvTable: more cells than columns");
  if (cells_in_row_ > 0) text_ += ',';
  text_ += written;
  ++cells_in_row_;
}

CsvTable& CsvTable::text(const std::string& value) {
  add(csv_field(formula_safe(value)));
  return *this;
}

CsvTable& CsvTable::number(long long value) {
  add(std::to_string(value));
  return *this;
}

CsvTable& CsvTable::number(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  add(buffer);
  return *this;
}

CsvTable& CsvTable::empty() {
  add("");
  return *this;
}

std::string CsvTable::str() const& { return rows_ > 0 ? text_ + end_of_row() : text_; }

std::string CsvTable::str() && {
  if (rows_ > 0) text_ += end_of_row();
  rows_ = 0;
  cells_in_row_ = 0;
  return std::move(text_);
}

std::string CsvTable::take_written() {
  std::string written = std::move(text_);
  text_.clear();
  return written;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  int line = 1;
  const auto fail = [&](const std::string& what) { throw CsvError("line " + std::to_string(line) + ": " + what); };
  while (i < text.size()) {
    std::vector<std::string> record;
    for (;;) {  // one field
      std::string field;
      if (i < text.size() && text[i] == '"') {
        ++i;
        for (;;) {  // a run of text up to the next quote, then "" or the closing quote
          const std::size_t quote = std::min(text.find('"', i), text.size());
          line += static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(i),
                                              text.begin() + static_cast<std::ptrdiff_t>(quote), '\n'));
          if (quote == text.size()) fail("a quoted field is not closed");  // on the text's last line
          field.append(text, i, quote - i);
          i = quote + 1;
          if (i < text.size() && text[i] == '"') {
            field += '"';
            ++i;
            continue;
          }
          break;
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
          fail("text after a closing quote");
        }
      } else {
        const auto from = text.begin() + static_cast<std::ptrdiff_t>(i);
        const auto to = std::find_if(from, text.end(), [](char c) { return c == ',' || c == '\r' || c == '\n'; });
        if (std::find(from, to, '"') != to) fail("a quote inside an unquoted field");
        field.assign(from, to);
        i = static_cast<std::size_t>(to - text.begin());
      }
      record.push_back(std::move(field));
      if (i < text.size() && text[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    if (i < text.size() && text[i] == '\r') ++i;
    if (i < text.size() && text[i] == '\n') ++i;
    ++line;
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace casereview

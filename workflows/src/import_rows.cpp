// Reading one imported row's cells as facts (import_rows.h).
#include "import_rows.h"

#include <algorithm>
#include <cctype>

#include "casereview/engine/text.h"

namespace casereview::workflows::import {
namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// csv.h's formula_safe() undone: "'" before = + - @, a tab or CR.
std::string without_formula_guard(const std::string& text) {
  if (text.size() >= 2 && text[0] == '\'' && std::string("=+-@\t\r").find(text[1]) != std::string::npos) {
    return text.substr(1);
  }
  return text;
}

// DD/MM/YYYY, as spreadsheets in England show dates.
std::optional<Date> day_month_year(const std::string& text) {
  if (text.size() != 10 || text[2] != '/' || text[5] != '/') return std::nullopt;
  for (std::size_t i : {0, 1, 3, 4, 6, 7, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  }
  return Date::from_ymd(std::stoi(text.substr(6, 4)), std::stoi(text.substr(3, 2)), std::stoi(text.substr(0, 2)));
}

}  // namespace

RowReader::RowReader(const std::map<std::string, std::string>& cells, int row, std::string source_reference,
                     std::vector<ImportProblem>& problems)
    : cells_(cells), row_(row), source_reference_(std::move(source_reference)), problems_(problems) {}

std::string RowReader::text(const std::string& column) const {
  const auto it = cells_.find(column);
  return it == cells_.end() ? "" : without_formula_guard(trimmed(it->second));
}

std::optional<Date> RowReader::date(const std::string& column) const {
  const std::string value = text(column);
  if (value.empty()) return std::nullopt;
  auto parsed = Date::parse(value);
  if (!parsed) parsed = day_month_year(value);
  if (!parsed) problem(column, "\"" + value + "\" is not a date (write YYYY-MM-DD or DD/MM/YYYY)");
  return parsed;
}

std::optional<bool> RowReader::yes_no(const std::string& column, std::optional<bool> otherwise) const {
  const std::string value = text::ascii_lower(text(column));
  if (value.empty()) return otherwise;
  if (value == "yes") return true;
  if (value == "no") return false;
  problem(column, "\"" + text(column) + "\" is neither yes nor no");
  return std::nullopt;
}

std::optional<long long> RowReader::integer(const std::string& column) const {
  const std::string value = text(column);
  if (value.empty()) return std::nullopt;
  if (value.size() > 9 || !std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
    problem(column, "\"" + value + "\" is not a whole number");
    return std::nullopt;
  }
  return std::stoll(value);
}

Json RowReader::list(const std::string& column) const {
  Json items = Json::array();
  const std::string value = text(column);
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t end = std::min(value.find(';', start), value.size());
    const std::string item = trimmed(value.substr(start, end - start));
    if (!item.empty()) items.push(Json(item));
    start = end + 1;
  }
  return items;
}

void RowReader::problem(const std::string& column, const std::string& message) const {
  problems_.push_back({row_, source_reference_, column, message});
}

void RowReader::require(const std::vector<std::string>& columns, const std::string& because) const {
  for (const std::string& column : columns) {
    if (!has(column)) problem(column, "is needed " + because);
  }
}

}  // namespace casereview::workflows::import

#include "api/report_csv.h"

#include "api/json_views.h"

namespace casereview::web {
namespace {

bool is_figure(const Json& value) { return value.is_object() && value.contains("count") && value.contains("cases"); }

std::string joined(const Json& list) {
  std::string out;
  for (const Json& item : list.items()) {
    const std::string text = item.is_string()                                 ? item.as_string()
                             : item.is_object() && item.contains("reference") ? item["reference"].as_string()
                                                                              : item.dump();
    out += (out.empty() ? "" : "; ") + text;
  }
  return out;
}

// A figure's count; a count withheld for publication is written "suppressed".
void count_cell(CsvTable& table, const Json& figure) {
  if (figure["count"].is_null()) {
    table.text("suppressed");
  } else {
    table.number(figure["count"].as_integer());
  }
}

void cell(CsvTable& table, const Json& value) {
  if (is_figure(value)) {
    count_cell(table, value);
  } else if (value.is_integer()) {
    table.number(value.as_integer());
  } else if (value.type() == Json::Type::Number) {
    table.number(value.as_number(), 1);
  } else if (value.is_string()) {
    table.text(value.as_string());
  } else if (value.is_bool()) {
    table.text(value.as_bool() ? "yes" : "no");
  } else if (value.is_array()) {
    table.text(joined(value));
  } else if (value.is_null()) {
    table.empty();
  } else {
    table.text(value.dump());
  }
}

void add_figures(CsvTable& table, const ReportDocument& report, const Json& value, const std::string& path) {
  if (is_figure(value)) {
    table.row().text(path);
    count_cell(table, value);
    table.text(report.references(value["cases"]));
  }
  if (value.is_object()) {
    for (const auto& [name, member] : value.members()) {
      if (name == "cases") continue;
      std::string inner = path;
      if (!inner.empty()) inner += '.';
      add_figures(table, report, member, inner += name);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.items().size(); ++i) {
      const Json& item = value.items()[i];
      // An item of a list of figures is named by its code (a theme, a factor).
      const std::string key =
          item.is_object() && item["code"].is_string() ? item["code"].as_string() : std::to_string(i + 1);
      std::string inner = path;
      add_figures(table, report, item, inner.append(".").append(key));
    }
  }
}

CsvTable figures_table(const ReportDocument& report) {
  CsvTable table({"figure", "count", "case_references"});
  add_figures(table, report, report.tree(), "");
  return table;
}

CsvTable items_table(const ReportDocument& report, const ReportTable& spec) {
  const Json* at = &report.tree();
  for (const std::string& step : spec.path) at = &(*at)[step];
  CsvTable table(spec.columns);
  report.for_each_item(*at, [&](const Json& item) {
    table.row();
    for (const std::string& column : spec.columns) {
      if (column == "count" && is_figure(item)) {
        count_cell(table, item);
      } else if (column == "case_references") {
        table.text(report.references(item["cases"]));
      } else {
        cell(table, item[column]);
      }
    }
  });
  return table;
}

}  // namespace

std::vector<std::string> table_names(const std::vector<ReportTable>& tables) {
  std::vector<std::string> names{"figures"};
  for (const ReportTable& t : tables) names.push_back(t.name);
  return names;
}

CsvTable report_table(const ReportDocument& report, const std::vector<ReportTable>& tables, const std::string& table) {
  if (table == "figures") return figures_table(report);
  for (const ReportTable& spec : tables) {
    if (spec.name == table) return items_table(report, spec);
  }
  std::string listed;
  for (const std::string& name : table_names(tables)) listed += (listed.empty() ? "" : ", ") + name;
  Json error = Json::object();
  error.set("field", "table");
  error.set("message", "table must be one of: " + listed + ".");
  Json extra = Json::object();
  extra.set("errors", Json::array().push(error));
  throw ApiError{Problem::InvalidQuery, "table must be one of: " + listed + ".", extra};
}

HttpResponse report_csv(const ReportDocument& report, const std::vector<ReportTable>& tables, const std::string& table,
                        const std::string& stem, const ReportPeriod& period) {
  const std::string filename = stem + "-" + table + "-" + period.from.iso() + "-to-" + period.to.iso() + ".csv";
  return csv_response(report_table(report, tables, table), filename);
}

}  // namespace casereview::web

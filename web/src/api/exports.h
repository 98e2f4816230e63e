#pragma once
// The CSV exports (export_handlers.cpp), shared by their route and the
// evidence pack.

#include <optional>
#include <string>

#include "app.h"
#include "casereview/engine/csv.h"
#include "casereview/engine/report_period.h"

namespace casereview::web {

// `dataset` (cases, clocks, actions, factors, themes) of the cases active in
// `period`, read in one transaction of `session`; nullopt for another name.
std::optional<CsvTable> export_table(StoreSession& session, App& app, const RequestContext& context,
                                     const ReportPeriod& period, const std::string& dataset);

}  // namespace casereview::web

#include "casereview/workflows/readme_sections.h"

#include <set>
#include <sstream>

namespace casereview::workflows {
namespace {

void write_diagram(std::ostream& out, const WorkflowSpec& spec) {
  out << "```mermaid\nstateDiagram-v2\n";
  std::set<std::string> shown;
  for (const TransitionSpec& t : spec.transitions) {
    const std::string key = t.from + ">" + t.to + ":" + t.command;
    if (t.from == t.to) continue;  // self-transitions are listed in the table, not drawn
    if (!shown.insert(key).second) continue;
    out << "    " << (t.from.empty() ? "[*]" : t.from) << " --> " << t.to << ": " << t.command << "\n";
  }
  for (const StateSpec& s : spec.states) {
    if (s.closed) out << "    " << s.name << " --> [*]\n";
  }
  out << "```\n\n";
}

void write_transitions(std::ostream& out, const WorkflowSpec& spec) {
  out << "<!-- transitions:begin -->\n| from | command | to |\n|---|---|---|\n";
  for (const TransitionSpec& t : spec.transitions) {
    out << "| " << (t.from.empty() ? "(opening)" : "`" + t.from + "`") << " | `" << t.command << "` | `" << t.to
        << "` |\n";
  }
  out << "<!-- transitions:end -->\n\n";
}

void write_states(std::ostream& out, const WorkflowSpec& spec) {
  for (const StateSpec& s : spec.states) {
    std::set<std::string> from, to, who;
    for (const TransitionSpec& t : spec.transitions) {
      if (t.to == s.name && t.from != s.name) from.insert(t.from.empty() ? "opening the case" : "`" + t.from + "`");
      if (t.from == s.name && t.to != s.name) to.insert("`" + t.to + "`");
      if (t.from == s.name) who.insert(spec.command(t.command)->who_may_issue);
    }
    auto join = [](const std::set<std::string>& items, const char* none) {
      std::string joined;
      for (const auto& i : items) joined += (joined.empty() ? "" : "; ") + i;
      return joined.empty() ? std::string(none) : joined;
    };
    out << "### `" << s.name << "`\n"
        << "- **Meaning for the user:** " << s.meaning << "\n"
        << "- **Entered from:** " << join(from, "—") << ".\n"
        << "- **Leaves to:** " << join(to, s.closed ? "nothing (closed)" : "— (it stays until a step moves it)")
        << ".\n"
        << "- **Who may act:** " << join(who, "nobody; the record is kept") << ".\n\n";
  }
}

void write_rules(std::ostream& out, const WorkflowSpec& spec) {
  out << "| id | what | clock | starts | stops | kind | source | partnership may change |\n"
         "|---|---|---|---|---|---|---|---|\n";
  for (const DeadlineRule& r : spec.rules) {
    std::string anchors;
    for (const AnchorOption& a : r.anchors) anchors += (anchors.empty() ? "" : "; or ") + a.label;
    const char* tag = r.tag == SourceTag::Statutory ? "[S]" : r.tag == SourceTag::LocalProcedure ? "[L]" : "[K]";
    const std::string change = r.amount_changeable && r.anchor_changeable ? "amount and start"
                               : r.amount_changeable                      ? "amount"
                               : r.anchor_changeable                      ? "start (amount only stricter)"
                                                                          : "only stricter";
    out << "| `" << r.id << "` | " << r.title << " | " << r.amount << " " << unit_name(r.unit) << " | " << anchors
        << " | `" << r.closing_event << "` | " << rule_kind_name(r.kind) << " | " << r.source << " " << tag << " | "
        << change << " |\n";
  }
  out << "\n";
}

}  // namespace

std::string readme_sections(const WorkflowSpec& spec) {
  std::ostringstream out;
  out << "## Diagram\n\n";
  write_diagram(out, spec);
  out << "## Transitions\n\n";
  write_transitions(out, spec);
  out << "## States\n\n";
  write_states(out, spec);
  out << "## Deadline rules\n\n";
  write_rules(out, spec);
  return out.str();
}

}  // namespace casereview::workflows

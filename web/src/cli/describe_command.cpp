// `casereview describe KIND`: the parts of a workflow's README that come from the
// machine itself (diagram, transition table, deadline rules), as Markdown. A test
// keeps each README's table equal to the machine's.
#include <iostream>
#include <set>

#include "casereview/workflows/all_workflows.h"
#include "cli/cli.h"

namespace casereview::web {
namespace {

void print_diagram(const WorkflowSpec& spec) {
  std::cout << "```mermaid\nstateDiagram-v2\n";
  std::set<std::string> shown;
  for (const TransitionSpec& t : spec.transitions) {
    const std::string key = t.from + ">" + t.to + ":" + t.command;
    if (t.from == t.to) continue;  // self-transitions are listed in the table, not drawn
    if (!shown.insert(key).second) continue;
    std::cout << "    " << (t.from.empty() ? "[*]" : t.from) << " --> " << t.to << ": " << t.command << "\n";
  }
  for (const StateSpec& s : spec.states) {
    if (s.closed) std::cout << "    " << s.name << " --> [*]\n";
  }
  std::cout << "```\n\n";
}

void print_transitions(const WorkflowSpec& spec) {
  std::cout << "<!-- transitions:begin -->\n| from | command | to |\n|---|---|---|\n";
  for (const TransitionSpec& t : spec.transitions) {
    std::cout << "| " << (t.from.empty() ? "(opening)" : "`" + t.from + "`") << " | `" << t.command << "` | `" << t.to
              << "` |\n";
  }
  std::cout << "<!-- transitions:end -->\n\n";
}

void print_states(const WorkflowSpec& spec) {
  for (const StateSpec& s : spec.states) {
    std::set<std::string> from, to, who;
    for (const TransitionSpec& t : spec.transitions) {
      if (t.to == s.name && t.from != s.name) from.insert(t.from.empty() ? "opening the case" : "`" + t.from + "`");
      if (t.from == s.name && t.to != s.name) to.insert("`" + t.to + "`");
      if (t.from == s.name) who.insert(spec.command(t.command)->who_may_issue);
    }
    auto join = [](const std::set<std::string>& items, const char* none) {
      std::string out;
      for (const auto& i : items) out += (out.empty() ? "" : "; ") + i;
      return out.empty() ? std::string(none) : out;
    };
    std::cout << "### `" << s.name << "`\n"
              << "- **Meaning for the user:** " << s.meaning << "\n"
              << "- **Entered from:** " << join(from, "—") << ".\n"
              << "- **Leaves to:** " << join(to, s.closed ? "nothing (closed)" : "— (it stays until a step moves it)")
              << ".\n"
              << "- **Who may act:** " << join(who, "nobody; the record is kept") << ".\n\n";
  }
}

void print_rules(const WorkflowSpec& spec) {
  std::cout << "| id | what | clock | starts | stops | kind | source | partnership may change |\n"
               "|---|---|---|---|---|---|---|---|\n";
  for (const DeadlineRule& r : spec.rules) {
    std::string anchors;
    for (const AnchorOption& a : r.anchors) anchors += (anchors.empty() ? "" : "; or ") + a.label;
    const char* tag = r.tag == SourceTag::Statutory ? "[S]" : r.tag == SourceTag::LocalProcedure ? "[L]" : "[K]";
    const std::string change = r.amount_changeable && r.anchor_changeable ? "amount and start"
                               : r.amount_changeable                     ? "amount"
                               : r.anchor_changeable                     ? "start (amount only stricter)"
                                                                         : "only stricter";
    std::cout << "| `" << r.id << "` | " << r.title << " | " << r.amount << " " << unit_name(r.unit) << " | "
              << anchors << " | `" << r.closing_event << "` | " << rule_kind_name(r.kind) << " | " << r.source << " "
              << tag << " | " << change << " |\n";
  }
  std::cout << "\n";
}

}  // namespace

int command_describe(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"usage: casereview describe KIND"};
  WorkflowRegistry registry;
  workflows::register_all(registry);
  const Workflow* workflow = registry.find(args.words[1]);
  if (!workflow) {
    std::string known;
    for (const Workflow* w : registry.all()) known += " " + w->spec().kind;
    throw UsageError{"there is no workflow \"" + args.words[1] + "\"; known:" + known};
  }
  const WorkflowSpec& spec = workflow->spec();
  std::cout << "## Diagram\n\n";
  print_diagram(spec);
  std::cout << "## Transitions\n\n";
  print_transitions(spec);
  std::cout << "## States\n\n";
  print_states(spec);
  std::cout << "## Deadline rules\n\n";
  print_rules(spec);
  return kExitOk;
}

}  // namespace casereview::web

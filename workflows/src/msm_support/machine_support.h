#pragma once
// Shared Boost.MSM plumbing for workflow machines. Include ONLY from a machine's
// single .cpp: MSM templates are expensive to compile (10–15 s per machine) and
// must never leak into a header that other files include.
//
// The pattern every workflow follows:
//  - each state is a struct with `static constexpr const char* name`, its stable,
//    persisted name; MSM's numeric ids are never stored (they follow row order);
//  - each command is an event struct deriving from `Step` with a `name`;
//  - guards are plain functions `std::optional<Refusal> f(const Step&)` wrapped in
//    `If<f>` (or `bool f(const Step&)` in `Branch<f>` to choose between rows);
//    actions are plain functions `void f(const Step&, Outcome&)` wrapped in
//    `Do<f>`, recording events, follow-on cases and the outcome through
//    `Outcome` (step.h). They decide and record; they never do I/O;
//  - `run_machine` restores the machine into the stored state, feeds it the
//    command and reads back the outcome.

#include <algorithm>
#include <boost/mpl/for_each.hpp>
#include <boost/mpl/vector/vector50.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>
#include <boost/serialization/base_object.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../step.h"
#include "casereview/engine/workflow.h"

namespace casereview::workflows::msm_support {

// Base of every machine front-end (CRTP, as MSM expects): collects the outcome of
// one process_event and replaces MSM's default handlers, which assert.
template <class Front>
struct MachineDef : boost::msm::front::state_machine_def<Front> {
  Events events;
  std::vector<FollowOn> opens;     // cases the step opens on the spine
  std::string outcome;             // what the case concluded, when this step concludes it
  std::optional<Refusal> refusal;  // a guard said no
  bool unhandled = false;          // no row for this command from this state
  std::string failure;             // a guard or action threw a std::exception (a bug)

  template <class Fsm, class Event>
  void no_transition(Event const&, Fsm&, int) {
    unhandled = true;
  }
  template <class Fsm, class Event>
  void exception_caught(Event const&, Fsm&, std::exception& e) {
    failure = e.what();
  }
};

// Guard wrapper: runs `Check`; on refusal records it and rejects the transition.
// When several rows leave a state on the same command, MSM tries them from the
// bottom of the table up, so the reason kept is that of the row nearest the top
// whose If ran (in All<Branch, If>, whose Branch matched); a row that is taken
// wins over any refusal.
template <auto Check>
struct If {
  template <class Evt, class Fsm, class Source, class Target>
  bool operator()(const Evt& evt, Fsm& fsm, Source&, Target&) const {
    std::optional<Refusal> refusal = Check(static_cast<const Step&>(evt));
    if (!refusal) return true;
    fsm.refusal = std::move(refusal);
    return false;
  }
};

// Guard wrapper that only chooses between rows (e.g. which state to resume to):
// `Predicate` returns bool and a false gives no reason, because another row applies.
template <auto Predicate>
struct Branch {
  template <class Evt, class Fsm, class Source, class Target>
  bool operator()(const Evt& evt, Fsm&, Source&, Target&) const {
    return Predicate(static_cast<const Step&>(evt));
  }
};

// Guard wrapper that decides only whether a step is offered, never whether it is
// taken: `Predicate` looks at the case's history alone and returns false when
// the If guard after it would refuse the step whatever facts were typed (the
// terms of reference already agreed, no contract drafted to sign). At run time
// it admits everything, so the If guard gives its reason (422):
// All<OfferedWhen<a_contract_drafted>, If<contract_can_be_signed>>.
template <auto Predicate>
struct OfferedWhen {
  template <class Evt, class Fsm, class Source, class Target>
  bool operator()(const Evt&, Fsm&, Source&, Target&) const {
    return true;
  }
};

// Both guards, in order: All<Branch<is_care_leaver>, If<dated_after_awareness>>.
template <class First, class Second>
struct All {
  template <class Evt, class Fsm, class Source, class Target>
  bool operator()(const Evt& evt, Fsm& fsm, Source& source, Target& target) const {
    return First()(evt, fsm, source, target) && Second()(evt, fsm, source, target);
  }
};

// Whether the Branch and OfferedWhen parts of a row's guard admit `step`. If
// guards are rules about the facts a user gives, so they never decide whether a
// step is offered.
template <class Guard>
struct BranchesAdmit {
  static bool test(const Step&) { return true; }
};
template <auto Predicate>
struct BranchesAdmit<Branch<Predicate>> {
  static bool test(const Step& step) { return Predicate(step); }
};
template <auto Predicate>
struct BranchesAdmit<OfferedWhen<Predicate>> {
  static bool test(const Step& step) { return Predicate(step); }
};
template <class First, class Second>
struct BranchesAdmit<All<First, Second>> {
  static bool test(const Step& step) { return BranchesAdmit<First>::test(step) && BranchesAdmit<Second>::test(step); }
};

// Action wrapper: runs `Record`, which appends the events (and, for a step that
// opens a linked case or concludes this one, the follow-on and outcome) the step
// produces: void Record(const Step&, Outcome&).
template <auto Record>
struct Do {
  template <class Evt, class Fsm, class Source, class Target>
  void operator()(const Evt& evt, Fsm& fsm, Source&, Target&) const {
    Outcome out{fsm.events, fsm.opens, fsm.outcome};
    Record(static_cast<const Step&>(evt), out);
  }
};

// A fake archive for MSM's serialize hook: it writes one state id into the
// machine's region array and ignores everything else. This is how a machine is
// restored into a stored state without replaying its history.
struct StateIdArchive {
  int id;
  template <class T>
  StateIdArchive& operator&(T&) {
    return *this;
  }
  StateIdArchive& operator&(int (&states)[1]) {
    states[0] = id;
    return *this;
  }
};

// A value standing for type T in mpl::for_each, so that T need not be default-
// constructible. (No nested `type`: mpl would unwrap it again.)
template <class T>
struct Tag {
  using held = T;
};
using TagOf = Tag<boost::mpl::placeholders::_1>;

template <class Machine>
using StateSet = typename boost::msm::back::generate_state_set<typename Machine::stt>::type;

// The stable name of the machine's current state.
template <class Machine>
std::string state_name(const Machine& machine) {
  const int current = machine.current_state()[0];
  std::string found;
  boost::mpl::for_each<StateSet<Machine>, TagOf>([&](auto wrapped) {
    using State = typename decltype(wrapped)::held;
    if (boost::msm::back::get_state_id<typename Machine::stt, State>::value == current) {
      found = State::name;
    }
  });
  return found;
}

// Puts `machine` into the state called `name`. Throws std::invalid_argument for a
// name the machine does not have (a corrupt or foreign record).
template <class Machine>
void restore(Machine& machine, std::string_view name) {
  int id = -1;
  boost::mpl::for_each<StateSet<Machine>, TagOf>([&](auto wrapped) {
    using State = typename decltype(wrapped)::held;
    if (name == State::name) id = boost::msm::back::get_state_id<typename Machine::stt, State>::value;
  });
  if (id < 0) throw std::invalid_argument("unknown state \"" + std::string(name) + "\"");
  StateIdArchive archive{id};
  machine.serialize(archive, 0);
}

// Every row of the transition table as (from, command, to) stable names, in table
// order. The opening pseudo-state is reported as "" (a case never rests there).
template <class Machine>
std::vector<TransitionSpec> transitions(std::string_view opening_state) {
  std::vector<TransitionSpec> out;
  boost::mpl::for_each<typename Machine::transition_table, TagOf>([&](auto wrapped) {
    using Row = typename decltype(wrapped)::held;
    std::string from = Row::Source::name;
    if (from == opening_state) from.clear();
    out.push_back({from, Row::Evt::name, Row::Target::name});
  });
  return out;
}

// Commands<A, B, ...>::visit(name, f) calls f(A*) for the command called `name`.
template <class... Commands>
struct CommandSet {
  template <class F>
  static bool visit(std::string_view name, F&& f) {
    return ((name == Commands::name ? (f(static_cast<Commands*>(nullptr)), true) : false) || ...);
  }
};

// Restores a fresh machine into `state` (or leaves it in its opening pseudo-state
// when `state` is empty), processes `command`, and turns what happened into a
// Decision. A machine is cheap to build; one per call keeps decide() thread-safe.
// An unknown command, no row for it from `state`, or rows rejected by Branch
// alone give Refusal::NotAllowedInState. Throws std::invalid_argument for an
// unknown `state` and std::logic_error when a guard or action threw.
template <class Machine, class Commands>
Decision run_machine(std::string_view state, const Command& command, const DecisionContext& context) {
  Machine machine;
  if (!state.empty()) restore(machine, state);
  const Step step{command, context, state};
  auto handled = boost::msm::back::HANDLED_FALSE;
  const bool known = Commands::visit(command.name, [&](auto* tag) {
    using Evt = std::remove_pointer_t<decltype(tag)>;
    handled = machine.process_event(Evt{step});
  });
  if (!machine.failure.empty()) throw std::logic_error("workflow action failed: " + machine.failure);
  if (known && handled == boost::msm::back::HANDLED_TRUE) {
    return Accepted{state_name(machine), std::move(machine.events), std::move(machine.opens),
                    std::move(machine.outcome)};
  }
  if (known && handled == boost::msm::back::HANDLED_GUARD_REJECT && machine.refusal) return *machine.refusal;
  return Refusal{Refusal::Kind::NotAllowedInState,
                 "\"" + command.name + "\" is not a step that can be taken from state \"" +
                     std::string(state.empty() ? "(not opened)" : state) + "\"",
                 ""};
}

// A Workflow backed by `Machine`: the spec (as data) plus the transitions read
// from the machine's table; decide() runs the machine on every call.
template <class Machine, class Commands>
class MachineWorkflow final : public Workflow {
 public:
  // `opening_state` is the name of the machine's initial pseudo-state.
  MachineWorkflow(WorkflowSpec spec, std::string_view opening_state) : spec_(std::move(spec)) {
    spec_.transitions = transitions<Machine>(opening_state);
  }

  const WorkflowSpec& spec() const override { return spec_; }

  Decision decide(std::string_view state, const Command& command, const DecisionContext& context) const override {
    return run_machine<Machine, Commands>(state, command, context);
  }

  std::string restore_round_trip(std::string_view state) const override {
    Machine machine;
    restore(machine, state);
    return state_name(machine);
  }

  std::vector<std::string> offered_commands(std::string_view state, const DecisionContext& context) const override {
    if (!state.empty()) restore_round_trip(state);  // throws for a state the machine does not have
    std::vector<std::string> offered;
    boost::mpl::for_each<typename Machine::transition_table, TagOf>([&](auto wrapped) {
      using Row = typename decltype(wrapped)::held;
      if (state != Row::Source::name) return;
      const std::string name = Row::Evt::name;
      if (std::find(offered.begin(), offered.end(), name) != offered.end()) return;
      const Command probe{name, Json::object()};
      if (BranchesAdmit<typename Row::Guard>::test(Step{probe, context, state})) offered.push_back(name);
    });
    return offered;
  }

 private:
  WorkflowSpec spec_;
};

}  // namespace casereview::workflows::msm_support

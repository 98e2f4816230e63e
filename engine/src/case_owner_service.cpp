#include "casereview/engine/case_owner_service.h"

#include <algorithm>

#include "engine_events.h"

namespace casereview {
namespace {

ServiceRefusal refused(std::string code, std::string field, std::string message) {
  return ServiceRefusal{std::move(code), std::move(field), std::move(message)};
}

// Why `user` may not own a case of the partnership; nullopt when they may.
std::optional<ServiceRefusal> not_eligible(const std::optional<User>& user, const std::string& username,
                                           long long partnership_id) {
  const Membership* membership = user ? user->membership(partnership_id) : nullptr;
  if (!membership) {
    return refused("INVALID_MEMBER", "owner", "owner: nobody called \"" + username + "\" works in this partnership.");
  }
  if (!user->active) {
    return refused("INVALID_MEMBER", "owner", "owner: " + user->display_name + "'s account is suspended.");
  }
  if (!may_own_cases(membership->role)) {
    return refused("INVALID_MEMBER", "owner",
                   "owner: " + user->display_name + " is " + role_with_article(membership->role) +
                       " here; only managers and panel members look after cases.");
  }
  return std::nullopt;
}

}  // namespace

std::vector<User> eligible_case_owners(StoreSession& session, long long partnership_id) {
  std::vector<User> out;
  for (User& u : session.users().list(partnership_id)) {
    const Membership* m = u.membership(partnership_id);
    if (u.active && m && may_own_cases(m->role)) out.push_back(std::move(u));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const User& a, const User& b) { return a.display_name < b.display_name; });
  return out;
}

std::variant<OwnerChange, ServiceRefusal> assign_case_owner(StoreSession& session, long long case_id,
                                                            const std::optional<std::string>& username,
                                                            const RequestContext& context) {
  std::variant<OwnerChange, ServiceRefusal> result = refused("CASE_NOT_FOUND", "", "There is no such case.");
  session.write_transaction([&] {
    auto record = engine_events::own_case(session, case_id, context);
    if (!record) return;
    const std::optional<CaseOwner> before = session.case_owners().find(case_id);
    OwnerChange change;
    if (!username) {
      if (before) {
        Json payload = Json::object();
        payload.set("previous", before->username);
        payload.set("previous_name", before->display_name);
        engine_events::append_engine_event(session, *record, kOwnerRemovedEvent, payload, context);
        session.case_owners().remove(case_id);
        change.changed = true;
      }
      change.record = *record;
      result = change;
      return;
    }
    const std::optional<User> user = session.users().find_by_username(*username);
    if (auto no = not_eligible(user, *username, context.partnership_id())) {
      result = *no;
      return;
    }
    if (before && before->user_id == user->id) {
      change.record = *record;
      change.owner = before;
      result = change;
      return;
    }
    CaseOwner owner{case_id, user->id, user->username, user->display_name, context.actor(), context.now};
    Json payload = Json::object();
    payload.set("owner", owner.username);
    payload.set("owner_name", owner.display_name);
    if (before) {
      payload.set("previous", before->username);
      payload.set("previous_name", before->display_name);
    }
    engine_events::append_engine_event(session, *record, kOwnerAssignedEvent, payload, context);
    session.case_owners().assign(owner);
    change.record = *record;
    change.owner = owner;
    change.changed = true;
    result = change;
  });
  return result;
}

}  // namespace casereview

#include "casereview/engine/navigation.h"

#include <cstring>

namespace casereview {
namespace {

// A page of the menu and who is offered it. Most pages need one permission;
// the dashboard is for those who act on cases (they read the child's identity
// and list the partnership's cases), and the workspace is the independent
// reviewer's own, whose access follows their contracts rather than a permission.
struct MenuPage {
  MenuItem item;
  bool (*offered)(Role role);
};

bool lists_cases(Role role) { return allowed(role, Permission::ListCases); }
bool acts_on_cases(Role role) { return lists_cases(role) && allowed(role, Permission::ReadIdentity); }
bool opens_cases(Role role) { return allowed(role, Permission::OpenCases); }
bool answers_requests(Role role) { return allowed(role, Permission::ReadOwnRequests); }
bool reviews(Role role) { return role == Role::IndependentReviewer; }
bool manages_users(Role role) { return allowed(role, Permission::ManageUsers); }
bool verifies_audit(Role role) { return allowed(role, Permission::VerifyAudit); }
bool reads_access_log(Role role) { return allowed(role, Permission::ReadAccessLog); }
bool keeps_national_codes(Role role) { return allowed(role, Permission::ManageNationalVocabularies); }

constexpr MenuPage kPages[] = {
    {{"/dashboard", "Dashboard"}, acts_on_cases},
    {{"/cases", "Cases"}, lists_cases},
    {{"/notifications/new", "Log a notification"}, opens_cases},
    {{"/actions", "Actions"}, lists_cases},
    {{"/timeliness", "Timeliness"}, lists_cases},
    {{"/reports", "Reports"}, lists_cases},
    {{"/imports", "Import"}, opens_cases},
    {{"/inbox", "Requests to your agency"}, answers_requests},
    {{"/workspace", "Your review"}, reviews},
    {{"/admin", "Administration"}, manages_users},
    {{"/admin/users", "Users"}, manages_users},
    {{"/admin/audit", "Audit"}, verifies_audit},
    {{"/admin/access-log", "Access log"}, reads_access_log},
    {{"/admin/vocabularies", "National vocabularies"}, keeps_national_codes},
};

// The pages a person starts from, in order of preference.
constexpr const char* kStartingPages[] = {"/dashboard", "/timeliness", "/inbox",
                                          "/workspace", "/admin",      "/admin/vocabularies"};

}  // namespace

std::vector<MenuItem> menu_of(Role role) {
  std::vector<MenuItem> menu;
  for (const MenuPage& page : kPages) {
    if (page.offered(role)) menu.push_back(page.item);
  }
  return menu;
}

const char* home_of(Role role) {
  const std::vector<MenuItem> menu = menu_of(role);
  for (const char* start : kStartingPages) {
    for (const MenuItem& item : menu) {
      if (std::strcmp(item.path, start) == 0) return start;
    }
  }
  return "/calendar";  // every signed-in person has their calendar address
}

}  // namespace casereview

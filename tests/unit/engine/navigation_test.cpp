// The menus and home pages follow from the access policy: a page is offered
// exactly to the roles whose permissions its routes need.
#include "casereview/engine/navigation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace casereview {
namespace {

std::vector<std::string> paths(Role role) {
  std::vector<std::string> out;
  for (const MenuItem& item : menu_of(role)) out.emplace_back(item.path);
  return out;
}

bool offers(Role role, const std::string& path) {
  for (const std::string& p : paths(role)) {
    if (p == path) return true;
  }
  return false;
}

TEST(Navigation, EachRoleIsOfferedThePagesItsPermissionsAllow) {
  EXPECT_EQ(paths(Role::Manager), (std::vector<std::string>{"/dashboard", "/cases", "/notifications/new", "/actions",
                                                            "/timeliness", "/reports", "/imports"}));
  EXPECT_EQ(paths(Role::PanelMember),
            (std::vector<std::string>{"/dashboard", "/cases", "/actions", "/timeliness", "/reports"}));
  EXPECT_EQ(paths(Role::Scrutineer), (std::vector<std::string>{"/cases", "/actions", "/timeliness", "/reports"}));
  EXPECT_EQ(paths(Role::Auditor), (std::vector<std::string>{"/cases", "/actions", "/timeliness", "/reports",
                                                            "/admin/audit", "/admin/access-log"}));
  EXPECT_EQ(paths(Role::AgencyContributor), (std::vector<std::string>{"/inbox"}));
  EXPECT_EQ(paths(Role::IndependentReviewer), (std::vector<std::string>{"/workspace"}));
  EXPECT_EQ(paths(Role::Administrator),
            (std::vector<std::string>{"/admin", "/admin/users", "/admin/audit", "/admin/access-log"}));
  EXPECT_EQ(paths(Role::NationalEditor), (std::vector<std::string>{"/admin/vocabularies"}));
}

TEST(Navigation, NoRoleIsOfferedAPageWhosePermissionItLacks) {
  for (Role role : kAllRoles) {
    EXPECT_EQ(offers(role, "/cases"), allowed(role, Permission::ListCases)) << role_name(role);
    EXPECT_EQ(offers(role, "/notifications/new"), allowed(role, Permission::OpenCases)) << role_name(role);
    EXPECT_EQ(offers(role, "/admin/users"), allowed(role, Permission::ManageUsers)) << role_name(role);
    EXPECT_EQ(offers(role, "/admin/access-log"), allowed(role, Permission::ReadAccessLog)) << role_name(role);
    // The dashboard names the child, so only those who may read identity have one.
    if (offers(role, "/dashboard")) {
      EXPECT_TRUE(allowed(role, Permission::ReadIdentity)) << role_name(role);
    }
  }
}

TEST(Navigation, EveryRoleStartsOnAPageOfItsOwnMenu) {
  EXPECT_STREQ(home_of(Role::Manager), "/dashboard");
  EXPECT_STREQ(home_of(Role::PanelMember), "/dashboard");
  EXPECT_STREQ(home_of(Role::Scrutineer), "/timeliness");
  EXPECT_STREQ(home_of(Role::Auditor), "/timeliness");
  EXPECT_STREQ(home_of(Role::AgencyContributor), "/inbox");
  EXPECT_STREQ(home_of(Role::IndependentReviewer), "/workspace");
  EXPECT_STREQ(home_of(Role::Administrator), "/admin");
  EXPECT_STREQ(home_of(Role::NationalEditor), "/admin/vocabularies");
  for (Role role : kAllRoles) EXPECT_TRUE(offers(role, home_of(role))) << role_name(role);
}

}  // namespace
}  // namespace casereview

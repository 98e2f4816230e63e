// Passwords, tokens, keyed hashes and pseudonyms.
#include <gtest/gtest.h>

#include <set>

#include "casereview/engine/keyed.h"
#include "casereview/engine/passwords.h"

namespace casereview {
namespace {

TEST(Passwords, VerifyOnlyTheRightPasswordAndEachHashIsSalted) {
  const std::string hash = hash_password("a long enough passphrase");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_TRUE(verify_password(hash, "a long enough passphrase"));
  EXPECT_FALSE(verify_password(hash, "a long enough passphrasE"));
  EXPECT_FALSE(verify_password(hash, ""));
  EXPECT_FALSE(verify_password("not a hash", "a long enough passphrase"));
  EXPECT_NE(hash_password("a long enough passphrase"), hash);
}

// Made with libsodium's "interactive" parameters (64 MiB, two passes), as
// every password was before passwords.h moved to OWASP's 19 MiB.
constexpr const char* kOlderHash =
    "$argon2id$v=19$m=65536,t=2,p=1$pMqFzpWNF1MO31S6/Q2d5g$q+zLrRVTbnxosx/AjhJZS1wYbd9RJVwTTdivM6iab4Y";
constexpr const char* kOlderHashPassword = "demonstration only 2026";

TEST(Passwords, AreHashedWithOwaspsParametersAndAnOlderHashStillVerifiesButIsNotCurrent) {
  const std::string hash = hash_password("a long enough passphrase");
  EXPECT_EQ(hash.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << hash;
  EXPECT_TRUE(password_hash_is_current(hash));
  EXPECT_TRUE(verify_password(kOlderHash, kOlderHashPassword));
  EXPECT_FALSE(verify_password(kOlderHash, "demonstration only 2027"));
  EXPECT_FALSE(password_hash_is_current(kOlderHash));
  EXPECT_FALSE(password_hash_is_current("not a hash"));
  EXPECT_FALSE(password_hash_is_current(""));
}

TEST(Passwords, AFailedSignInIsCheckedAtBothParametersWhileAnOlderHashRemains) {
  const std::string current = hash_password("a long enough passphrase");
  const std::string older = hash_password_at_older_parameters("a long enough passphrase");
  EXPECT_EQ(older.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << older;
  EXPECT_FALSE(password_hash_is_current(older));
  EXPECT_TRUE(verify_password(older, "a long enough passphrase"));
  // A current hash (an account's, or the decoy of an unknown username) is
  // evened out with the older decoy while any older hash remains; an older
  // one always with the current decoy.
  EXPECT_EQ(failed_sign_in_decoy(current, false), SignInDecoy::None);
  EXPECT_EQ(failed_sign_in_decoy(current, true), SignInDecoy::Older);
  EXPECT_EQ(failed_sign_in_decoy(older, true), SignInDecoy::Current);
  EXPECT_EQ(failed_sign_in_decoy(older, false), SignInDecoy::Current);
  EXPECT_EQ(failed_sign_in_decoy(kOlderHash, true), SignInDecoy::Current);
}

TEST(Passwords, WeakPasswordsAreNamedAsSuch) {
  EXPECT_NE(password_weakness("jo", "short"), "");
  EXPECT_NE(password_weakness("j.smith", "my name is J.Smith ok"), "");  // contains the username
  EXPECT_NE(password_weakness("jo", std::string(257, 'x')), "");
  EXPECT_EQ(password_weakness("jo", "twelve chars"), "");
  EXPECT_EQ(password_weakness("j.smith", generate_password()), "");
}

// NIST SP 800-63B: length as a reader counts it, and no password that is
// commonly used, expected or made of a run or a repeat.
TEST(Passwords, AreJudgedByTheirVisibleLengthAndRefusedWhenCommon) {
  for (const std::string& weak :
       {std::string(12, ' '), std::string(12, '\0'), std::string("aaaaaaaaaaaa"), std::string("abababababab"),
        std::string("123456789012"), std::string("qwertyuiopas"), std::string("zyxwvutsrqpo"),
        std::string("Password2024!"), std::string("password1234"), std::string("PASSWORDPASSWORD"),
        std::string("Safeguarding2026"), std::string("  eleven ch  "), std::string("twelve\tchars"),
        std::string("twelve \xE2\x80\x8B chars")}) {
    EXPECT_NE(password_weakness("jo", weak), "") << weak;
  }
  // Twelve characters, not twelve bytes: twelve accented letters are enough.
  const std::string twelve_accents =
      "\xC3\xA0\xC3\xA1\xC3\xA2\xC3\xA4\xC3\xA8\xC3\xA9\xC3\xAA\xC3\xAB"
      "\xC3\xAC\xC3\xAD\xC3\xB2\xC3\xB3";  // àáâäèéêëìíòó
  EXPECT_EQ(password_weakness("jo", twelve_accents), "");
  EXPECT_NE(password_weakness("jo", twelve_accents.substr(0, 22)), "");  // eleven
  EXPECT_EQ(password_weakness("jo", "correct battery horse"), "");
}

TEST(Passwords, UsernamesAreShortAndPlain) {
  EXPECT_EQ(username_problem("j.smith@northam"), "");
  for (const std::string& bad :
       std::vector<std::string>{"", "with space", "new\nline", "semi;colon", std::string(101, 'a')}) {
    EXPECT_NE(username_problem(bad), "") << bad;
  }
}

TEST(Tokens, AreRandomHex) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string t = random_token();
    EXPECT_EQ(t.size(), 64u);
    EXPECT_EQ(t.find_first_not_of("0123456789abcdef"), std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Keyed, HmacMatchesRfc4231TestCase2) {
  EXPECT_EQ(hmac_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

Subject subject(const char* given, const char* family, const char* dob, const char* nhs = "") {
  Subject s;
  s.salt = "00";
  s.details.set("given_name", given);
  s.details.set("family_name", family);
  if (*dob) s.details.set("date_of_birth", dob);
  if (*nhs) s.details.set("nhs_number", nhs);
  return s;
}

TEST(Keyed, APseudonymFollowsTheChildNotTheCaseAndNeedsTheKey) {
  const std::string key = "server key";
  const std::string p = pseudonym(key, subject("Amira", "Testchild", "2021-03-04"));
  EXPECT_EQ(p.size(), 12u);
  EXPECT_EQ(p.rfind("C-", 0), 0u);
  // The same child in another case, written differently and with more details.
  Subject again = subject(" AMIRA ", "testchild", "2021-03-04", "943 476 5919");
  again.details.set("home_address", "1 Example Row");
  again.salt = "ff";
  EXPECT_EQ(pseudonym(key, again), p);
  EXPECT_NE(pseudonym(key, subject("Amira", "Testchild", "2021-03-05")), p);
  EXPECT_NE(pseudonym("another key", subject("Amira", "Testchild", "2021-03-04")), p);
  // Without a date of birth, the NHS number decides.
  EXPECT_EQ(pseudonym(key, subject("A", "B", "", "9434765919")), pseudonym(key, subject("C", "D", "", "943 476 5919")));
}

}  // namespace
}  // namespace casereview

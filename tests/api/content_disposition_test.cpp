// The Content-Disposition of downloads (RFC 6266, RFC 8187), in process: no name
// can end the parameter, start another or hide its extension in either form.
#include "http/content_disposition.h"

#include <gtest/gtest.h>

namespace casereview::web {
namespace {

TEST(ContentDisposition, APlainNameIsSentAsItIs) {
  EXPECT_EQ(attachment_disposition("cases-2022-04-01-to-2023-03-31.csv"),
            "attachment; filename=\"cases-2022-04-01-to-2023-03-31.csv\"");
  EXPECT_EQ(attachment_disposition("Chronology (v2) + notes.pdf"),
            "attachment; filename=\"Chronology (v2) + notes.pdf\"");
}

TEST(ContentDisposition, SeparatorsAndQuotesCannotStartAnotherParameter) {
  EXPECT_EQ(attachment_disposition("x;filename=evil.html;.txt"),
            "attachment; filename=\"x_filename_evil.html_.txt\"; filename*=UTF-8''x%3Bfilename%3Devil.html%3B.txt");
  EXPECT_EQ(attachment_disposition("say \"hi\"\\.txt"),
            "attachment; filename=\"say _hi__.txt\"; filename*=UTF-8''say%20%22hi%22%5C.txt");
  EXPECT_EQ(attachment_disposition("a,b'c%d.txt"),
            "attachment; filename=\"a_b_c_d.txt\"; filename*=UTF-8''a%2Cb%27c%25d.txt");
}

TEST(ContentDisposition, NonAsciiIsPercentEncodedAndOneUnderscorePerCharacterInTheFallback) {
  EXPECT_EQ(attachment_disposition("Zoë’s chronology.pdf"),
            "attachment; filename=\"Zo__s chronology.pdf\"; filename*=UTF-8''Zo%C3%AB%E2%80%99s%20chronology.pdf");
}

TEST(ContentDisposition, ABidirectionalOverrideCannotReverseTheExtension) {
  // "invoice" U+202E "fdp.txt" shows as "invoicetxt.pdf" where the override acts.
  const std::string header = attachment_disposition("invoice\u202Efdp.txt");
  EXPECT_EQ(header, "attachment; filename=\"invoice_fdp.txt\"; filename*=UTF-8''invoice%E2%80%AEfdp.txt");
}

TEST(ContentDisposition, ControlCharactersAndLineBreaksNeverReachTheHeader) {
  const std::string header = attachment_disposition(std::string("a\r\nSet-Cookie: x=1\0.txt", 23));
  EXPECT_EQ(header.find_first_of(std::string("\r\n\0", 3)), std::string::npos) << header;
  EXPECT_EQ(header,
            "attachment; filename=\"a__Set-Cookie_ x_1_.txt\"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1%00.txt");
}

TEST(ContentDisposition, AnEmptyOrDotsOnlyNameBecomesDownload) {
  EXPECT_EQ(attachment_disposition(""), "attachment; filename=\"download\"");
  EXPECT_EQ(attachment_disposition(".."), "attachment; filename=\"download\"");
  EXPECT_EQ(attachment_disposition(" . "), "attachment; filename=\"download\"");
}

}  // namespace
}  // namespace casereview::web

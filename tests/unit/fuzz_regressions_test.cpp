// Inputs the fuzzers (tests/fuzz, scripts/fuzz.sh) found, kept as plain unit tests.
#include <gtest/gtest.h>

#include "domain/error.hpp"
#include "http/multipart.hpp"

using namespace gatepass;

// fuzz_multipart (re-reading what was parsed): a parameter was looked up as text anywhere in the
// header, so `filename=` inside another parameter's value was taken for the file name, and
// `boundary=` inside another Content-Type parameter for the boundary.
TEST(FuzzRegressions, MultipartParameterInsideAnotherValueIsNotAParameter) {
  const std::string body =
      "--B\r\nContent-Disposition: form-data; name=\"note filename=evil.exe\"\r\n\r\ntext\r\n"
      "--B\r\nContent-Disposition: form-data; name=x filename=\"C:\\\\proof.png\"\r\n\r\nv\r\n--B--\r\n";
  const auto parts = http::parse_multipart(body, "multipart/form-data; boundary=B");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "note filename=evil.exe");
  EXPECT_FALSE(parts[0].filename);  // a text field, not a file
  EXPECT_EQ(parts[1].name, "x filename=\"C:\\\\proof.png\"");
  EXPECT_FALSE(parts[1].filename);

  const std::string other = "--real\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--real--\r\n";
  const auto p2 = http::parse_multipart(other, "multipart/form-data; charset=\"x boundary=fake\"; boundary=real");
  ASSERT_EQ(p2.size(), 1u);
  EXPECT_EQ(p2[0].data, "1");
}

TEST(FuzzRegressions, MultipartParametersAreReadLeftToRight) {
  const std::string body =
      "--B\r\nContent-Disposition: form-data;name=\"a;b\\\"c\" ; FILENAME=\"f.png\"; name=\"second\"\r\n"
      "Content-Type: image/png\r\n\r\nD\r\n--B--\r\n";
  const auto parts = http::parse_multipart(body, "multipart/form-data;boundary=\"B\"");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].name, "a;b\"c");  // quoted ';' and '"' stay in the value; the first name wins
  EXPECT_EQ(parts[0].filename, "f.png");
  EXPECT_EQ(parts[0].content_type, "image/png");
  // An unterminated quote is malformed, whichever parameter it is in.
  EXPECT_THROW(http::parse_multipart(body, "multipart/form-data; boundary=B; charset=\"utf-8"), Error);
}

#include <gtest/gtest.h>

#include "app/attachments.hpp"
#include "app/qr_image.hpp"
#include "domain/error.hpp"
#include "http/multipart.hpp"
#include "support/qr_decode.hpp"

using namespace gatepass;

TEST(Multipart, ParsesFieldsAndFiles) {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nAlice\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"pay.png\"\r\n"
      "Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\nDATA\r\n--XyZ--\r\n";
  const auto parts = http::parse_multipart(body, "multipart/form-data; boundary=XyZ");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "name");
  EXPECT_EQ(parts[0].data, "Alice");
  EXPECT_EQ(parts[1].filename, "pay.png");
  EXPECT_EQ(parts[1].data, std::string("\x89PNG\r\n\x1a\nDATA"));
}

TEST(Multipart, MalformedBodiesAreValidationErrors) {
  for (const auto& [body, ct] : std::vector<std::pair<std::string, std::string>>{
           {"whatever", "multipart/form-data"},
           {"no boundary here", "multipart/form-data; boundary=abc"},
           {"--abc\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nunterminated", "multipart/form-data; boundary=abc"},
           {"--abc\r\nbroken header\r\n\r\nx\r\n--abc--", "multipart/form-data; boundary=abc"},
           {"--abc\r\nContent-Disposition: form-data; name=\"x\r\n\r\nx\r\n--abc--", "multipart/form-data; boundary=abc"}}) {
    try {
      http::parse_multipart(body, ct);
      ADD_FAILURE() << "accepted: " << body;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::validation);
    }
  }
}

TEST(Attachments, TypeComesFromContentNotName) {
  EXPECT_EQ(app::sniff_attachment_type("\x89PNG\r\n\x1a\nrest")->content_type, "image/png");
  EXPECT_EQ(app::sniff_attachment_type("%PDF-1.7 ...")->content_type, "application/pdf");
  EXPECT_EQ(app::sniff_attachment_type("\xFF\xD8\xFF\xE0")->extension, "jpg");
  EXPECT_FALSE(app::sniff_attachment_type("<script>alert(1)</script>"));
  EXPECT_FALSE(app::sniff_attachment_type("MZ\x90\x00"));
}

TEST(QrImage, PngDecodesBackToThePayload) {
  const std::string payload = "GP1:AEAAAAABAAAAAAIAAAAAAAAAAAAUYPGJ6S3NE5Q5MRNNV4E3WXUDLQDNPVHSKEY43VXC5SB2CQ53VEXJOBOB7FK2GFPDB5UU2PMPGNHGNXJRGGRH6AUHQQHFAUEYRBMAP4URBFAG";
  const auto png = app::render_qr_png(payload, 4);
  EXPECT_EQ(gatepass::testing::decode_qr_png(png), payload);
  const auto svg = app::render_qr_svg(payload);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("viewBox"), std::string::npos);
}

#include "http/client_address.hpp"

TEST(ClientAddress, ForwardedForIsBelievedOnlyFromTrustedProxies) {
  const auto proxies = http::parse_address_list(" 10.0.0.1, 10.0.0.2 ");
  ASSERT_EQ(proxies.size(), 2u);
  const std::string xff = "6.6.6.6, 203.0.113.7, 10.0.0.2";
  // From the proxy: the right-most hop that is not one of ours (the left-most is client-made).
  EXPECT_EQ(http::client_address("10.0.0.1", &xff, proxies), "203.0.113.7");
  // From anyone else the header is ignored: a client could write whatever it likes there.
  EXPECT_EQ(http::client_address("198.51.100.9", &xff, proxies), "198.51.100.9");
  EXPECT_EQ(http::client_address("10.0.0.1", nullptr, proxies), "10.0.0.1");
  const std::string only_proxies = "10.0.0.2";
  EXPECT_EQ(http::client_address("10.0.0.1", &only_proxies, proxies), "10.0.0.1");
}

// The web app's files: the best precompressed copy per Accept-Encoding, never a path outside.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http/static_files.hpp"
#include "support/test_db.hpp"

using namespace gatepass::http;

TEST(StaticFiles, ChoosesTheSmallestAcceptedEncoding) {
  EXPECT_EQ(choose_encoding("gzip, deflate, br", true, true), "br");
  EXPECT_EQ(choose_encoding("gzip, deflate", true, true), "gzip");
  EXPECT_EQ(choose_encoding("br;q=0, gzip;q=0.5", true, true), "gzip") << "q=0 means not acceptable";
  EXPECT_EQ(choose_encoding("BR", true, false), "br") << "codings are case-insensitive";
  EXPECT_EQ(choose_encoding("*", true, true), "br");
  EXPECT_EQ(choose_encoding("*;q=0, identity", true, true), "");
  EXPECT_EQ(choose_encoding("", true, true), "");
  EXPECT_EQ(choose_encoding("br", false, true), "") << "no brotli copy: identity, not an unaccepted gzip";
  EXPECT_EQ(choose_encoding(" gzip ; q=1.0 ", false, true), "gzip");
}

TEST(StaticFiles, ServesPrecompressedCopiesWithVary) {
  const auto root = gatepass::testing::temp_dir() + "/web";
  std::filesystem::create_directories(root + "/assets");
  auto write = [&](const std::string& name, const std::string& body) { std::ofstream(root + "/" + name, std::ios::binary) << body; };
  write("index.html", "<html>plain</html>");
  write("index.html.br", "BROTLI-BYTES");
  write("index.html.gz", "GZIP-BYTES");
  write("assets/app.js", "console.log(1)");
  write("icon.png", "PNGDATA");
  const StaticFiles files(root);
  EXPECT_EQ(files.size(), 3u) << "the .br/.gz copies are not files of their own";

  auto header = [](const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return std::string();
  };
  const auto br = files.serve({}, "gzip, br");
  EXPECT_EQ(br.body, "BROTLI-BYTES");
  EXPECT_EQ(header(br, "Content-Encoding"), "br");
  EXPECT_EQ(header(br, "Vary"), "Accept-Encoding");
  const auto gz = files.serve({"admin", "registrations"}, "gzip");  // app route -> index.html
  EXPECT_EQ(gz.body, "GZIP-BYTES");
  EXPECT_EQ(header(gz, "Content-Encoding"), "gzip");
  const auto plain = files.serve({"index.html"}, "");
  EXPECT_EQ(plain.body, "<html>plain</html>");
  EXPECT_EQ(header(plain, "Content-Encoding"), "");
  EXPECT_EQ(header(plain, "Vary"), "Accept-Encoding");
  const auto png = files.serve({"icon.png"}, "br");
  EXPECT_EQ(png.body, "PNGDATA");
  EXPECT_EQ(header(png, "Content-Encoding"), "") << "no copy, no encoding";
  EXPECT_EQ(files.serve({"index.html.br"}, "").status, 404) << "copies are reached only through negotiation";
  EXPECT_EQ(files.serve({"..", "etc", "passwd"}, "").status, 404);
}

#pragma once
// Registration attachments (payment screenshots, PDFs): type decided by the file's content, never
// by its name or the client's Content-Type; stored under a name we generate.
#include <chrono>
#include <optional>
#include <vector>
#include <string>
#include <string_view>

namespace gatepass::app {

struct SniffedType {
  std::string content_type;
  std::string extension;
};
// PNG, JPEG, WebP, GIF or PDF; nullopt for anything else.
std::optional<SniffedType> sniff_attachment_type(std::string_view bytes);

// Writes the bytes durably (fsync) into `dir` under a random name; returns that name.
std::string save_attachment(const std::string& dir, std::string_view bytes, const std::string& extension);
void remove_attachment(const std::string& dir, const std::string& file_name);
// Names of the files in `dir` last written more than `age` ago (housekeeping's orphan check).
std::vector<std::string> attachment_files_older_than(const std::string& dir, std::chrono::seconds age);
std::string load_attachment(const std::string& dir, const std::string& file_name);

}  // namespace gatepass::app

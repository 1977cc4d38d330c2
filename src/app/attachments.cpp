#include "app/attachments.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "domain/crypto.hpp"

namespace gatepass::app {

std::optional<SniffedType> sniff_attachment_type(std::string_view b) {
  if (b.starts_with("\x89PNG\r\n\x1a\n")) return SniffedType{"image/png", "png"};
  if (b.starts_with("\xFF\xD8\xFF")) return SniffedType{"image/jpeg", "jpg"};
  if (b.size() >= 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP") return SniffedType{"image/webp", "webp"};
  if (b.starts_with("GIF87a") || b.starts_with("GIF89a")) return SniffedType{"image/gif", "gif"};
  if (b.starts_with("%PDF-")) return SniffedType{"application/pdf", "pdf"};
  return std::nullopt;
}

std::string save_attachment(const std::string& dir, std::string_view bytes, const std::string& extension) {
  if (!std::filesystem::exists(dir)) {
    std::filesystem::create_directories(dir);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all);  // payment proofs: owner only
  }
  const std::string name = crypto::random_token(18) + "." + extension;
  const std::string path = dir + "/" + name;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create attachment file: " + std::string(std::strerror(errno)));
  std::size_t written = 0;
  while (written < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      ::unlink(path.c_str());
      throw std::runtime_error("cannot write attachment file");
    }
    written += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) {
    ::unlink(path.c_str());
    throw std::runtime_error("cannot sync attachment file");
  }
  // The file's directory entry must be durable too, or a crash could lose a file whose row
  // committed: fsync the directory.
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  const bool dir_synced = dir_fd >= 0 && ::fsync(dir_fd) == 0;
  if (dir_fd >= 0) ::close(dir_fd);
  if (!dir_synced) {
    ::unlink(path.c_str());
    throw std::runtime_error("cannot sync the attachments directory");
  }
  return name;
}

void remove_attachment(const std::string& dir, const std::string& file_name) {
  std::error_code ignored;
  std::filesystem::remove(dir + "/" + file_name, ignored);
}

std::vector<std::string> attachment_files_older_than(const std::string& dir, std::chrono::seconds age) {
  std::vector<std::string> out;
  std::error_code ec;
  const auto cutoff = std::filesystem::file_time_type::clock::now() - age;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::error_code entry_ec;
    if (entry.is_regular_file(entry_ec) && entry.last_write_time(entry_ec) < cutoff && !entry_ec)
      out.push_back(entry.path().filename().string());
  }
  return out;
}

std::string load_attachment(const std::string& dir, const std::string& file_name) {
  // file_name comes from our own table (random token + extension), never from a request.
  std::ifstream in(dir + "/" + file_name, std::ios::binary);
  if (!in) throw std::runtime_error("attachment file missing: " + file_name);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace gatepass::app

#include "app/ops/backup.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <vector>

namespace gatepass::app::ops {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr const char* kFormat = "gatepass-backup";
constexpr int kFormatVersion = 1;
constexpr const char* kManifest = "manifest.json";
constexpr const char* kDatabase = "gatepass.db";
constexpr const char* kKey = "secret.key";
constexpr const char* kAttachments = "attachments";
// `gatepass tls init`'s venue CA and server certificate: losing ca.key means every gate phone
// trusting a new CA, so it travels with the key.
constexpr const char* kTls = "tls";
constexpr std::array<const char*, 4> kTlsFiles = {"ca.crt", "ca.key", "server.crt", "server.key"};
constexpr std::size_t kChunk = 64 * 1024;
constexpr std::int64_t kManifestMax = 64 * 1024 * 1024;
// Pages copied per sqlite3_backup_step: the copy reads one snapshot (an open read transaction), so
// the steps only bound how long each call holds the source connection's mutex.
constexpr int kPagesPerStep = 1024;

std::string errno_text() { return std::strerror(errno); }

// A name from the archive, printable and short.
std::string validation_escape(const std::string& name) {
  std::string out;
  for (const char c : name.substr(0, 120)) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) out += '?';
    else out += c;
  }
  return out;
}

class Sha256 {
 public:
  Sha256() { crypto_hash_sha256_init(&state_); }
  void update(const void* data, std::size_t n) {
    crypto_hash_sha256_update(&state_, static_cast<const unsigned char*>(data), n);
  }
  std::string hex() {
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state_, out);
    char text[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(text, sizeof text, out, sizeof out);
    return text;
  }

 private:
  crypto_hash_sha256_state state_;
};

struct FileDigest {
  std::uint64_t size = 0;
  std::string sha256;
};

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

// A directory removed with everything in it when the scope ends (unless kept).
class TempDir {
 public:
  explicit TempDir(const std::string& pattern) {
    std::string buf = pattern;
    if (!::mkdtemp(buf.data())) throw BackupError("cannot create a working directory " + pattern + ": " + errno_text());
    path_ = buf;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void fsync_path(const std::string& path, bool directory) {
  Fd fd(::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0) throw BackupError("cannot sync " + path + ": " + errno_text());
}

std::string now_utc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// ------------------------------------------------------------------------------------ SQLite copy

struct SqliteHandle {
  sqlite3* db = nullptr;
  ~SqliteHandle() { sqlite3_close_v2(db); }
};

void sqlite_exec(sqlite3* db, const char* sql, const std::string& what) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db);
    sqlite3_free(err);
    throw BackupError(what + ": " + msg);
  }
}

std::string sqlite_text(sqlite3* db, const char* sql, const std::string& what) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) throw BackupError(what + ": " + sqlite3_errmsg(db));
  std::string out;
  const int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) {
    const auto* t = sqlite3_column_text(stmt, 0);
    out = t ? reinterpret_cast<const char*>(t) : "";
  }
  const bool ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
  const std::string msg = ok ? "" : sqlite3_errmsg(db);
  sqlite3_finalize(stmt);
  if (!ok) throw BackupError(what + ": " + msg);
  return out;
}

// Copies the live database at `source` into `target` (a new file) and returns the copy's schema
// version. One read transaction on the source spans every step: all steps copy the same
// snapshot, a writer in another process never restarts the copy, and (WAL) never waits for it.
int copy_sqlite(const std::string& source, const std::string& target) {
  SqliteHandle src;
  if (sqlite3_open_v2(source.c_str(), &src.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
    throw BackupError("cannot open the database " + source + ": " + (src.db ? sqlite3_errmsg(src.db) : "out of memory"));
  sqlite3_busy_timeout(src.db, 10'000);
  // The snapshot starts here: every write acknowledged before this read is in the copy.
  sqlite_exec(src.db, "BEGIN", "cannot read " + source);
  sqlite_text(src.db, "SELECT count(*) FROM sqlite_schema", "cannot read " + source);

  SqliteHandle dst;
  if (sqlite3_open_v2(target.c_str(), &dst.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK)
    throw BackupError("cannot create " + target + ": " + (dst.db ? sqlite3_errmsg(dst.db) : "out of memory"));
  sqlite3_backup* b = sqlite3_backup_init(dst.db, "main", src.db, "main");
  if (!b) throw BackupError("cannot start the online backup of " + source + ": " + sqlite3_errmsg(dst.db));
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(b, kPagesPerStep);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(5);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) throw BackupError("the online backup of " + source + " failed: " + sqlite3_errstr(rc));
  sqlite_exec(src.db, "COMMIT", "cannot end the read of " + source);

  // One self-contained file (no -wal beside it); the server switches it back to WAL when it opens it.
  sqlite_exec(dst.db, "PRAGMA journal_mode=DELETE", "cannot finish " + target);
  const auto check = sqlite_text(dst.db, "PRAGMA integrity_check", "cannot check " + target);
  if (check != "ok") throw BackupError("the copy of " + source + " fails PRAGMA integrity_check: " + check);
  const auto version = sqlite_text(
      dst.db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", "the database " + source + " has no schema");
  return std::stoi(version.empty() ? "0" : version);
}

// ------------------------------------------------------------------------------------ archive out

struct ArchiveWriter {
  archive* a = archive_write_new();
  ~ArchiveWriter() { archive_write_free(a); }
  void check(int rc, const std::string& what) {
    if (rc < ARCHIVE_WARN) throw BackupError(what + ": " + (archive_error_string(a) ? archive_error_string(a) : "failed"));
  }
};

std::unique_ptr<archive_entry, void (*)(archive_entry*)> regular_entry(const std::string& name, std::uint64_t size) {
  std::unique_ptr<archive_entry, void (*)(archive_entry*)> e(archive_entry_new(), archive_entry_free);
  archive_entry_set_pathname(e.get(), name.c_str());
  archive_entry_set_filetype(e.get(), AE_IFREG);
  archive_entry_set_perm(e.get(), 0600);
  archive_entry_set_size(e.get(), static_cast<la_int64_t>(size));
  archive_entry_set_mtime(e.get(), std::time(nullptr), 0);
  return e;
}

// Streams the regular file at `path` into the archive as `name`; returns its size and SHA-256.
// The size is the opened file's: a file that grows meanwhile is cut there, one that shrinks fails.
FileDigest add_file(ArchiveWriter& w, const std::string& path, const std::string& name) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) throw BackupError("cannot read " + path + ": " + errno_text());
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) throw BackupError(path + " is not a regular file");
  const auto size = static_cast<std::uint64_t>(st.st_size);
  auto e = regular_entry(name, size);
  w.check(archive_write_header(w.a, e.get()), "cannot write " + name + " into the archive");
  Sha256 sha;
  std::vector<char> buf(kChunk);
  std::uint64_t left = size;
  while (left > 0) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(left, buf.size()));
    const ssize_t n = ::read(fd.get(), buf.data(), want);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw BackupError("cannot read " + path + (n == 0 ? ": it shrank while being copied" : ": " + errno_text()));
    sha.update(buf.data(), static_cast<std::size_t>(n));
    if (archive_write_data(w.a, buf.data(), static_cast<std::size_t>(n)) != n)
      w.check(ARCHIVE_FATAL, "cannot write " + name + " into the archive");
    left -= static_cast<std::uint64_t>(n);
  }
  return {size, sha.hex()};
}

// ------------------------------------------------------------------------------------ archive in

// Only these names: the archive cannot place anything elsewhere (no "..", no absolute paths, no
// nested folders), whatever it claims.
bool allowed_name(const std::string& name) {
  if (name == kManifest || name == kDatabase || name == kKey) return true;
  for (const char* f : kTlsFiles)
    if (name == std::string(kTls) + "/" + f) return true;
  const std::string prefix = std::string(kAttachments) + "/";
  if (!name.starts_with(prefix)) return false;
  const auto leaf = name.substr(prefix.size());
  if (leaf.empty() || leaf == "." || leaf == ".." || leaf.size() > 255) return false;
  for (const char c : leaf)
    if (c == '/' || c == '\\' || c == '\0' || static_cast<unsigned char>(c) < 0x20) return false;
  return true;
}

struct ArchiveReader {
  archive* a = archive_read_new();
  std::string file;
  explicit ArchiveReader(const std::string& from) : file(from) {
    archive_read_support_filter_gzip(a);
    archive_read_support_filter_none(a);
    archive_read_support_format_tar(a);
    if (archive_read_open_filename(a, from.c_str(), kChunk) != ARCHIVE_OK)
      throw BackupError("the backup " + from + " is damaged or not a gatepass backup (" + error() + ")");
  }
  ~ArchiveReader() { archive_read_free(a); }
  std::string error() const { return archive_error_string(a) ? archive_error_string(a) : "unreadable"; }
  [[noreturn]] void damaged(const std::string& where) const {
    throw BackupError("the backup " + file + " is damaged (" + where + ": " + error() + ")");
  }
  // The next entry; false at the end. `problem` is set (and the entry is to be skipped) when its
  // name or type is not one a gatepass backup has.
  bool next(archive_entry*& e, std::string& name, std::string& problem) {
    const int rc = archive_read_next_header(a, &e);
    if (rc == ARCHIVE_EOF) return false;
    // Anything but OK/WARN (RETRY too: a header that fails its checksum) is damage.
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) damaged("after " + (name.empty() ? std::string("its start") : name));
    const char* p = archive_entry_pathname(e);
    name = p ? p : "";
    problem.clear();
    if (!allowed_name(name))
      problem = "the backup " + file + " is damaged or not a gatepass backup: it holds \"" + validation_escape(name) +
                "\" (restore writes only gatepass.db, secret.key, attachments/NAME and tls/{ca,server}.{crt,key}, inside the data directory)";
    else if (archive_entry_filetype(e) != AE_IFREG || archive_entry_hardlink(e) || archive_entry_symlink(e))
      problem = "the backup " + file + " holds " + name + " as a link or special file; only plain files are restored";
    return true;
  }
  // Reads the current entry's data through `sink(bytes, n)`; returns size and SHA-256.
  template <class Sink>
  FileDigest read_data(const std::string& name, Sink&& sink) {
    Sha256 sha;
    std::uint64_t size = 0;
    std::vector<char> buf(kChunk);
    for (;;) {
      const la_ssize_t n = archive_read_data(a, buf.data(), buf.size());
      if (n == 0) break;
      if (n < 0) damaged("reading " + name);
      sha.update(buf.data(), static_cast<std::size_t>(n));
      sink(buf.data(), static_cast<std::size_t>(n));
      size += static_cast<std::uint64_t>(n);
    }
    return {size, sha.hex()};
  }
};

struct Manifest {
  std::string database;
  int schema_version = 0;
  std::string created_at;
  std::string gatepass_version;
  std::map<std::string, FileDigest> files;
};

Manifest parse_manifest(const std::string& text, const std::string& file) {
  const auto bad = [&](const std::string& why) {
    return BackupError("the backup " + file + " has an unusable manifest.json (" + why + ")");
  };
  boost::system::error_code ec;
  const auto v = json::parse(text, ec);
  if (ec || !v.is_object()) throw bad("not a JSON object");
  const auto& o = v.as_object();
  try {
    if (o.at("format").as_string() != kFormat) throw bad("not a gatepass backup");
    if (o.at("format_version").to_number<int>() != kFormatVersion)
      throw bad("format version " + json::serialize(o.at("format_version")) + "; this build reads " +
                std::to_string(kFormatVersion));
    Manifest m;
    m.database = std::string(o.at("database").as_string());
    if (m.database != "sqlite" && m.database != "postgresql") throw bad("unknown database " + m.database);
    m.schema_version = o.at("schema_version").to_number<int>();
    m.created_at = std::string(o.at("created_at").as_string());
    m.gatepass_version = std::string(o.at("gatepass_version").as_string());
    for (const auto& f : o.at("files").as_array()) {
      const auto& fo = f.as_object();
      const std::string path(fo.at("path").as_string());
      if (!allowed_name(path) || path == kManifest) throw bad("it lists \"" + path + "\"");
      const auto sha = std::string(fo.at("sha256").as_string());
      if (sha.size() != 64) throw bad("the checksum of " + path + " is not a SHA-256");
      if (!m.files.emplace(path, FileDigest{fo.at("size").to_number<std::uint64_t>(), sha}).second)
        throw bad(path + " is listed twice");
    }
    if (m.database == "sqlite" && !m.files.contains(kDatabase)) throw bad("a SQLite backup without gatepass.db");
    return m;
  } catch (const BackupError&) {
    throw;
  } catch (const std::exception& e) {
    throw bad(e.what());
  }
}

void write_all(int fd, const char* data, std::size_t n, const std::string& path) {
  while (n > 0) {
    const ssize_t w = ::write(fd, data, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) throw BackupError("cannot write " + path + ": " + errno_text());
    data += w;
    n -= static_cast<std::size_t>(w);
  }
}

}  // namespace

// ------------------------------------------------------------------------------------ backup

BackupSummary create_backup(const BackupSource& source, const std::string& to) {
  std::error_code ec;
  if (!fs::is_directory(source.data_dir, ec)) throw BackupError("the data directory " + source.data_dir + " does not exist");
  if (source.sqlite_path && !fs::is_regular_file(*source.sqlite_path, ec))
    throw BackupError("there is no database at " + *source.sqlite_path);
  const fs::path out = fs::absolute(to);
  if (fs::is_directory(out, ec)) throw BackupError(to + " is a directory; --to names the archive file to write");
  const std::string partial = out.string() + ".partial";

  // A backup that fails leaves no half archive behind.
  struct RemovePartial {
    const std::string& path;
    bool done = false;
    ~RemovePartial() {
      if (!done) ::unlink(path.c_str());
    }
  } remove_partial{partial};

  BackupSummary summary;
  json::array files;
  const auto record = [&](const std::string& name, const FileDigest& d) {
    files.push_back(json::object{{"path", name}, {"size", d.size}, {"sha256", d.sha256}});
    ++summary.files;
    summary.bytes += d.size;
  };

  {
    // The database copy is made beside the archive (same file system, no size limit of /tmp).
    TempDir work(out.parent_path().string() + "/.gatepass-backup-XXXXXX");
    if (source.sqlite_path) {
      const std::string copy = work.path() + "/" + kDatabase;
      summary.schema_version = copy_sqlite(*source.sqlite_path, copy);
      summary.has_database = true;
    } else {
      summary.schema_version = source.schema_version;
    }

    ArchiveWriter w;
    w.check(archive_write_add_filter_gzip(w.a), "cannot set up gzip");
    w.check(archive_write_set_format_pax_restricted(w.a), "cannot set up tar");
    ::unlink(partial.c_str());
    w.check(archive_write_open_filename(w.a, partial.c_str()), "cannot create " + partial);

    if (summary.has_database) record(kDatabase, add_file(w, work.path() + "/" + kDatabase, kDatabase));

    // Listed after the database copy: every attachment the copy names was written before it.
    const fs::path att_dir = fs::path(source.data_dir) / kAttachments;
    if (fs::is_directory(fs::symlink_status(att_dir, ec))) {
      std::vector<std::string> names;
      for (const auto& entry : fs::directory_iterator(att_dir)) {
        // Regular files only: links and anything else are not ours (save_attachment writes plain files).
        if (!entry.is_regular_file() || entry.is_symlink()) continue;
        const auto leaf = entry.path().filename().string();
        if (allowed_name(std::string(kAttachments) + "/" + leaf)) names.push_back(leaf);
      }
      std::sort(names.begin(), names.end());
      for (const auto& leaf : names) {
        const std::string name = std::string(kAttachments) + "/" + leaf;
        try {
          record(name, add_file(w, (att_dir / leaf).string(), name));
          ++summary.attachments;
        } catch (const BackupError&) {
          // Removed meanwhile (housekeeping deletes orphans, which no row refers to): skip it.
          if (fs::exists(att_dir / leaf, ec)) throw;
        }
      }
    }

    const std::string key = source.data_dir + "/" + kKey;
    if (fs::is_regular_file(fs::symlink_status(key, ec))) {
      record(kKey, add_file(w, key, kKey));
      summary.has_key = true;
    }
    for (const char* f : kTlsFiles) {
      const std::string name = std::string(kTls) + "/" + f;
      const auto path = fs::path(source.data_dir) / name;
      if (fs::is_regular_file(fs::symlink_status(path, ec))) {
        record(name, add_file(w, path.string(), name));
        summary.has_tls = true;
      }
    }

    json::object manifest{{"format", kFormat},
                          {"format_version", kFormatVersion},
                          {"gatepass_version", GATEPASS_VERSION},
                          {"created_at", now_utc()},
                          {"database", source.sqlite_path ? "sqlite" : "postgresql"},
                          {"schema_version", summary.schema_version},
                          {"files", std::move(files)}};
    const std::string text = json::serialize(manifest) + "\n";
    auto e = regular_entry(kManifest, text.size());
    w.check(archive_write_header(w.a, e.get()), "cannot write manifest.json into the archive");
    if (archive_write_data(w.a, text.data(), text.size()) != static_cast<la_ssize_t>(text.size()))
      w.check(ARCHIVE_FATAL, "cannot write manifest.json into the archive");
    w.check(archive_write_close(w.a), "cannot finish " + partial);
  }
  fsync_path(partial, false);
  if (::rename(partial.c_str(), out.c_str()) != 0) throw BackupError("cannot rename " + partial + ": " + errno_text());
  remove_partial.done = true;
  fsync_path(out.parent_path().string(), true);
  return summary;
}

// ------------------------------------------------------------------------------------ restore

RestoreSummary restore_backup(const std::string& from, const std::string& data_dir, bool force, int newest_sqlite_schema,
                              int newest_postgres_schema) {
  std::error_code ec;
  if (!fs::is_regular_file(from, ec)) throw BackupError("there is no backup file " + from);
  if (data_dir.empty()) throw BackupError("--data-dir must not be empty");

  // Pass 1: read everything, write nothing.
  Manifest manifest;
  bool have_manifest = false;
  std::map<std::string, FileDigest> found;
  {
    ArchiveReader r(from);
    archive_entry* e = nullptr;
    std::string name, problem, first_problem;
    while (r.next(e, name, problem)) {
      if (!problem.empty()) {
        // Read on: a damaged stream is reported as such (at its end) rather than by the garbage it yields.
        if (first_problem.empty()) first_problem = problem;
        if (archive_read_data_skip(r.a) != ARCHIVE_OK) r.damaged("reading an entry named \"" + validation_escape(name) + "\"");
        continue;
      }
      if (found.contains(name) || (name == kManifest && have_manifest))
        throw BackupError("the backup " + from + " holds " + name + " twice");
      if (name == kManifest) {
        if (archive_entry_size(e) > kManifestMax) throw BackupError("the backup " + from + " has an oversized manifest.json");
        std::string text;
        r.read_data(name, [&](const char* d, std::size_t n) { text.append(d, n); });
        manifest = parse_manifest(text, from);
        have_manifest = true;
      } else {
        found.emplace(name, r.read_data(name, [](const char*, std::size_t) {}));
      }
    }
    if (!first_problem.empty()) throw BackupError(first_problem);
  }
  // A damaged stream can also read as a tar archive that simply ends early (garbage that looks like
  // its end marker; the gzip checksum is never reached): say damaged, whatever the cause.
  if (!have_manifest)
    throw BackupError("the backup " + from + " is damaged, cut short or not a gatepass backup: it has no manifest.json");
  for (const auto& [name, want] : manifest.files) {
    const auto it = found.find(name);
    if (it == found.end()) throw BackupError("the backup " + from + " is missing " + name + " (listed in manifest.json)");
    if (it->second.size != want.size || it->second.sha256 != want.sha256)
      throw BackupError("the backup " + from + " is damaged: " + name + " does not match its checksum in manifest.json");
  }
  for (const auto& [name, digest] : found)
    if (!manifest.files.contains(name))
      throw BackupError("the backup " + from + " holds " + name + ", which manifest.json does not list");
  const int newest_schema = manifest.database == "sqlite" ? newest_sqlite_schema : newest_postgres_schema;
  if (manifest.schema_version > newest_schema)
    throw BackupError("the backup " + from + " has schema version " + std::to_string(manifest.schema_version) +
                      "; this gatepass knows up to " + std::to_string(newest_schema) + ": restore it with gatepass " +
                      manifest.gatepass_version + " or newer");

  // The target: missing, empty, or (with --force) replaced.
  if (fs::exists(fs::symlink_status(data_dir, ec))) {
    if (!fs::is_directory(data_dir, ec)) throw BackupError(data_dir + " exists and is not a directory");
    if (!fs::is_empty(data_dir, ec) && !force)
      throw BackupError("the data directory " + data_dir +
                        " is not empty; restore into a new directory, or pass --force to replace its database, "
                        "key and attachments");
  } else {
    fs::create_directories(data_dir);
    fs::permissions(data_dir, fs::perms::owner_all, fs::perm_options::replace);
  }

  // Pass 2: into a staging directory inside the target (same file system), checked again.
  TempDir staging(data_dir + "/.restore-XXXXXX");
  {
    Fd stage(::open(staging.path().c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (stage.get() < 0) throw BackupError("cannot open " + staging.path() + ": " + errno_text());
    std::map<std::string, Fd> folders;  // attachments/, tls/: made on their first file
    ArchiveReader r(from);
    archive_entry* e = nullptr;
    std::string name, problem;
    while (r.next(e, name, problem)) {
      if (!problem.empty()) throw BackupError(problem);  // it was not there in pass 1: the file changed
      if (name == kManifest) {
        r.read_data(name, [](const char*, std::size_t) {});
        continue;
      }
      int dir_fd = stage.get();
      std::string leaf = name;
      if (const auto slash = name.find('/'); slash != std::string::npos) {  // allowed_name: one folder deep
        const std::string folder = name.substr(0, slash);
        auto& fd = folders[folder];
        if (fd.get() < 0) {
          if (::mkdirat(stage.get(), folder.c_str(), 0700) != 0 && errno != EEXIST)
            throw BackupError("cannot create " + staging.path() + "/" + folder + ": " + errno_text());
          fd.reset(::openat(stage.get(), folder.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
          if (fd.get() < 0) throw BackupError("cannot open " + staging.path() + "/" + folder + ": " + errno_text());
        }
        dir_fd = fd.get();
        leaf = name.substr(slash + 1);
      }
      const std::string shown = staging.path() + "/" + name;
      Fd out(::openat(dir_fd, leaf.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
      if (out.get() < 0) throw BackupError("cannot create " + shown + ": " + errno_text());
      const auto digest = r.read_data(name, [&](const char* d, std::size_t n) { write_all(out.get(), d, n, shown); });
      const auto& want = manifest.files.at(name);
      if (digest.size != want.size || digest.sha256 != want.sha256)
        throw BackupError("the backup " + from + " changed while being restored (" + name + "); nothing was replaced");
      if (::fsync(out.get()) != 0) throw BackupError("cannot sync " + shown + ": " + errno_text());
    }
    for (const auto& [folder, fd] : folders)
      if (::fsync(fd.get()) != 0) throw BackupError("cannot sync the restored " + folder);
    if (::fsync(stage.get()) != 0) throw BackupError("cannot sync " + staging.path());
  }

  // Into place. rename() replaces a link of the same name; it never writes through one.
  const auto replace = [&](const std::string& name) {
    const fs::path target = fs::path(data_dir) / name;
    fs::remove_all(target);  // does not follow a symlink: removes the link itself
    fs::rename(fs::path(staging.path()) / name, target);
  };
  RestoreSummary summary;
  if (manifest.files.contains(kDatabase)) {
    for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(fs::path(data_dir) / (std::string(kDatabase) + suffix));
    replace(kDatabase);
    summary.has_database = true;
  }
  if (manifest.files.contains(kKey)) {
    replace(kKey);
    summary.has_key = true;
  }
  for (const auto& [name, d] : manifest.files)
    if (name.starts_with(std::string(kAttachments) + "/")) ++summary.attachments;
  if (summary.attachments > 0 || force) {
    if (summary.attachments > 0) replace(kAttachments);
    else fs::remove_all(fs::path(data_dir) / kAttachments);
  }
  // The venue certificates when the backup has them (a backup without any leaves today's alone).
  if (std::any_of(manifest.files.begin(), manifest.files.end(), [](const auto& f) { return f.first.starts_with(std::string(kTls) + "/"); })) {
    replace(kTls);
    summary.has_tls = true;
  }
  fsync_path(data_dir, true);
  summary.database = manifest.database;
  summary.schema_version = manifest.schema_version;
  summary.created_at = manifest.created_at;
  summary.gatepass_version = manifest.gatepass_version;
  return summary;
}

}  // namespace gatepass::app::ops

#pragma once
// Online backup and restore of a data directory (`gatepass backup` / `gatepass restore`).
//
// The archive is a gzip'd tar (readable with `tar -tzf`) holding, in this order:
//   gatepass.db        SQLite only: a consistent copy made through SQLite's online backup API
//                      while the server keeps writing (WAL; the copy is one read snapshot)
//   attachments/NAME   every regular file of <data_dir>/attachments
//   secret.key         when the data directory has one (SECRET_KEY in the environment is not copied)
//   manifest.json      format, gatepass version, time, database kind, schema version, and each
//                      file's path, size and SHA-256
// The database is copied before the attachments are listed: an attachment is written before the
// row naming it commits, so every attachment the copy refers to is in the archive.
//
// Restore reads the archive twice: the first pass checks every name, type, size and checksum
// against the manifest without writing anything; the second writes into a staging directory inside
// the target (checking again), then moves the files into place. Only the names above are accepted
// (no "..", no absolute paths, no links, no directories of other names).
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace gatepass::app::ops {

// A backup or restore that cannot go on; the message names the file concerned.
struct BackupError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct BackupSource {
  std::string data_dir;
  // The SQLite file to copy; nullopt on PostgreSQL (the archive then holds no database).
  std::optional<std::string> sqlite_path;
  // PostgreSQL: the applied schema version (SQLite: read from the copy).
  int schema_version = 0;
};

struct BackupSummary {
  int files = 0;  // in the archive, manifest not counted
  std::uint64_t bytes = 0;
  int schema_version = 0;
  bool has_database = false;
  bool has_key = false;
  bool has_tls = false;  // tls/ (the venue CA and server certificate of `gatepass tls init`)
  int attachments = 0;
};

// Writes the archive to `to` (through `to`.partial, renamed when complete and synced).
BackupSummary create_backup(const BackupSource& source, const std::string& to);

struct RestoreSummary {
  std::string database;  // "sqlite" or "postgresql" (the kind the backup was made from)
  int schema_version = 0;
  bool has_database = false;
  bool has_key = false;
  bool has_tls = false;
  int attachments = 0;
  std::string created_at;
  std::string gatepass_version;
};

// Checks `from` completely, then writes its files into `data_dir` (created 0700 when missing).
// A directory with anything in it is refused unless `force`; with `force` the database (and its
// -wal/-shm), the key and the attachments directory are replaced. `newest_sqlite_schema` and
// `newest_postgres_schema` are the newest migrations this build knows: a backup from a newer schema
// is refused (this build could not serve it).
RestoreSummary restore_backup(const std::string& from, const std::string& data_dir, bool force, int newest_sqlite_schema,
                              int newest_postgres_schema);

}  // namespace gatepass::app::ops

#pragma once
// Told about transactions as they finish (the metrics registry, app/ops/metrics.hpp, installs
// itself). Process-wide, like the registry. Called on the thread that ran the work, after it:
// must be cheap and must not throw.
#include <atomic>
#include <cstddef>

namespace gatepass::store {

class DatabaseObserver {
 public:
  virtual ~DatabaseObserver() = default;
  // A write() from its call to its durable commit (SQLite: including the wait for the writer).
  virtual void transaction(double seconds) = 0;
  // One COMMIT: `batch` writes made durable together (SQLite group commit; PostgreSQL: 1).
  virtual void commit(std::size_t batch, double seconds) = 0;
};

inline std::atomic<DatabaseObserver*> g_observer{nullptr};
inline DatabaseObserver* observer() { return g_observer.load(std::memory_order_acquire); }

// PostgreSQL's connection pool right now (for metrics).
struct PoolStats {
  std::size_t size = 0, open = 0, in_use = 0, waiting = 0;
};

}  // namespace gatepass::store

#include "http/commit_fiber.hpp"

#include <boost/asio/spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "store/commit_wait.hpp"
#include "store/request_scope.hpp"

namespace gatepass::http {

namespace asio = boost::asio;

namespace {

std::atomic<std::size_t> running{0};

// Fiber stacks with a guard page (an overflow faults instead of overwriting a neighbour), kept for
// reuse: mapping and protecting a fresh one per request would be three system calls.
class StackPool {
 public:
  static StackPool& instance() {
    static StackPool pool;
    return pool;
  }
  boost::context::stack_context take() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        const auto stack = idle_.back();
        idle_.pop_back();
        return stack;
      }
    }
    return allocator_.allocate();
  }
  void give_back(boost::context::stack_context stack) {
    {
      std::lock_guard lock(mutex_);
      if (idle_.size() < kMaxIdle) {
        idle_.push_back(stack);
        return;
      }
    }
    allocator_.deallocate(stack);
  }

 private:
  // The handlers' deepest use (JSON parsing, SQLite, mail templates) is far below this.
  static constexpr std::size_t kStackSize = 256 * 1024;
  static constexpr std::size_t kMaxIdle = 128;  // as many as requests usually run at once
  boost::context::protected_fixedsize_stack allocator_{kStackSize};
  std::mutex mutex_;
  std::vector<boost::context::stack_context> idle_;
};

// Boost.Context's StackAllocator, drawing on the pool.
struct PooledStack {
  boost::context::stack_context allocate() { return StackPool::instance().take(); }
  void deallocate(boost::context::stack_context& stack) { StackPool::instance().give_back(stack); }
};

class FiberCommitWait final : public store::CommitWait {
 public:
  explicit FiberCommitWait(const asio::yield_context& yield) : yield_(yield) {}

  void suspend(const std::function<void(std::function<void()> resume)>& queue) override {
    // The fiber may resume on the other I/O thread.
    Detached detached(this);
    // Asio calls the initiation once the fiber is suspended, so the writer can never resume it early.
    asio::async_initiate<const asio::yield_context&, void()>(
        [&queue](auto handler) {
          auto shared = std::make_shared<decltype(handler)>(std::move(handler));
          auto executor = asio::get_associated_executor(*shared);
          // Called on the writer thread: resuming there would run the handler on it; post instead.
          queue([shared, executor] { asio::post(executor, [shared] { (*shared)(); }); });
        },
        yield_);
  }

  void wait_readable(int fd) override {
    Detached detached(this);
    // The I/O thread's own reactor watches the socket: no other thread wakes up for the answer.
    asio::posix::stream_descriptor socket(yield_.get_executor(), fd);
    struct Release {  // the socket is the database connection's: watched here, never closed
      asio::posix::stream_descriptor& s;
      ~Release() { s.release(); }
    } release{socket};
    boost::system::error_code ignored;  // a failed socket is readable; the reader finds the error
    socket.async_wait(asio::posix::stream_descriptor::wait_read, yield_[ignored]);
  }

 private:
  // While the fiber is suspended its thread runs other requests: what the thread carries for this
  // request (its id for the logs, this wait) goes with the fiber and comes back when it resumes.
  class Detached {
   public:
    explicit Detached(FiberCommitWait* wait) : wait_(wait), request_id_(store::exchange_request_id({})) {
      store::set_current_commit_wait(nullptr);
    }
    ~Detached() {
      store::set_current_commit_wait(wait_);
      store::exchange_request_id(std::move(request_id_));
    }
    Detached(const Detached&) = delete;
    Detached& operator=(const Detached&) = delete;

   private:
    FiberCommitWait* wait_;
    std::string request_id_;
  };

  const asio::yield_context& yield_;
};

}  // namespace

std::size_t fibers_running() { return running.load(); }

bool commit_fibers_supported() {
#if defined(__SANITIZE_ADDRESS__)
  return false;
#else
  return true;
#endif
}

asio::awaitable<Response> run_in_commit_fiber(std::function<Response()> work) {
  const auto executor = co_await asio::this_coro::executor;
  co_return co_await asio::spawn(
      executor, std::allocator_arg, PooledStack{},
      [&work](asio::yield_context yield) -> Response {
        ++running;
        FiberCommitWait wait(yield);
        store::set_current_commit_wait(&wait);
        struct Reset {
          ~Reset() {
            store::set_current_commit_wait(nullptr);
            --running;
          }
        } reset;
        return work();
      },
      asio::use_awaitable);
}

}  // namespace gatepass::http

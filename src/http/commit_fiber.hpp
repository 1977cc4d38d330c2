#pragma once
// The hot write routes on SQLite (register, approve, mark-used, offline upload) run in a fiber on
// the I/O thread rather than on the blocking pool: a database write queues its job for the SQLite
// writer and suspends the fiber, the I/O thread serves other connections meanwhile, and the
// writer's commit posts the fiber back (store/commit_wait.hpp has the measurement that asked for
// it). On PostgreSQL the same routes and verify do (Route::fiber_on_postgres): each statement is
// sent and the fiber suspends until the I/O thread's reactor sees the connection's answer. The
// handler's code stays plain synchronous C++.
#include <boost/asio/awaitable.hpp>

#include <functional>

#include "http/message.hpp"

namespace gatepass::http {

// Whether this build can run fibers: not under AddressSanitizer, which does not follow
// Boost.Context's stack switches (false reports); there the routes run on the blocking pool.
bool commit_fibers_supported();

// Fibers started and not finished (all servers of the process). A stopping server lets them finish
// before it stops its I/O context: a fiber destroyed while suspended would leave its job, whose
// work lives on the fiber's stack, queued at the writer (and handlers that catch everything would
// swallow the unwinding).
std::size_t fibers_running();

// Runs `work` in a fiber on the awaiting coroutine's executor and returns its answer. Writes in it
// suspend the fiber; `work` must not block on anything else.
boost::asio::awaitable<Response> run_in_commit_fiber(std::function<Response()> work);

}  // namespace gatepass::http

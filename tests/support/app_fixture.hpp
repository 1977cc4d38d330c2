#pragma once
// A use-case-level fixture on a fresh database of the backend under test.
#include <gtest/gtest.h>

#include <atomic>

#include "app/context.hpp"
#include "app/events.hpp"
#include "app/registrations.hpp"
#include "app/users.hpp"
#include "support/test_db.hpp"

namespace gatepass::testing {

class AppFixture : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    tdb = fresh_database(GetParam());
    data_dir = temp_dir();
    auto config = test_config(data_dir);
    tune_config(config);
    ctx = std::make_unique<app::Context>(*tdb->db, std::move(config));
    const auto admin_user = app::add_user_from_cli(*ctx, {"admin", "admin-password-123", "admin", std::nullopt});
    admin = {admin_user.id, admin_user.username, Role::admin};
  }
  // A suite's own settings (mail server, limits) before the context is made.
  virtual void tune_config(app::Config&) {}
  void TearDown() override {
    ctx.reset();
    tdb.reset();
  }

  Event make_event(std::optional<std::int64_t> capacity = std::nullopt, bool requires_approval = true) {
    app::EventInput in;
    in.name = "Event " + std::to_string(++events_made);
    in.capacity = capacity;
    in.requires_approval = requires_approval;
    return app::create_event(*ctx, admin, in);
  }
  Registration register_person(Id event_id, const std::string& name = "Alice") {
    app::RegistrationInput in;
    in.event_id = event_id;
    in.name = name;
    // Another address each time (racing tests register from many threads): one per address by default.
    in.email = "person" + std::to_string(people_made++) + "@example.com";
    return app::submit_registration(*ctx, in).registration;
  }
  TicketView approved_ticket(Id event_id) {
    return app::approve_registration(*ctx, admin, register_person(event_id).id).ticket;
  }

  std::unique_ptr<TestDatabase> tdb;
  std::string data_dir;
  std::unique_ptr<app::Context> ctx;
  app::Principal admin;
  int events_made = 0;
  std::atomic<int> people_made{0};
};

inline std::string backend_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace gatepass::testing

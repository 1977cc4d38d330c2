#pragma once
// Delivers the outbox: a thread that takes due messages, records the attempt (committed) before
// talking SMTP and the result after, and retries with exponential backoff while the mail server
// is away. A crash between sending and recording leaves the row `sending`; once its lease runs
// out it is queued again, so such a message is delivered at most twice, never lost.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "app/context.hpp"
#include "app/smtp_client.hpp"

namespace gatepass::app {

class MailSender {
 public:
  // Test hook, called after SMTP accepted a message and before it is marked sent: a throw
  // there plays a crash in that window.
  using AfterSend = std::function<void(Id message_id)>;
  explicit MailSender(Context& ctx, AfterSend after_send = {});
  ~MailSender();  // stops after the message in hand
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;

  // One pass: requeue dead attempts, then deliver what is due. Returns how many were sent.
  int deliver_due();
  // Wake the thread now (after a commit that queued mail) instead of at the next poll.
  void nudge();

 private:
  void loop();
  bool deliver(Id id);
  Context& ctx_;
  AfterSend after_send_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool nudged_ = false;
  std::thread thread_;
};

// What a message looks like when sent (templates filled, QR and PDF made from its stored code).
OutgoingMail compose_mail(const Context& ctx, const std::string& kind, const std::string& to_email,
                          const std::string& to_name, const std::string& vars_json);

}  // namespace gatepass::app

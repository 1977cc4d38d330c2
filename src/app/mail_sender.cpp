#include "app/mail_sender.hpp"

#include <spdlog/spdlog.h>

#include "app/mail_templates.hpp"
#include "app/outbox.hpp"
#include "app/ops/metrics.hpp"
#include "app/qr_image.hpp"
#include "app/smtp_client.hpp"
#include "app/ticket_pdf.hpp"
#include "store/outbox_repo.hpp"

namespace gatepass::app {

OutgoingMail compose_mail(const Context& ctx, const std::string& kind, const std::string& to_email,
                          const std::string& to_name, const std::string& vars_json) {
  auto vars = vars_from_json(vars_json);
  const auto rendered = render_mail(kind, vars, ctx.config.mail.template_dir, queued_locale(vars));
  OutgoingMail m;
  m.from = ctx.config.mail.from;
  m.to_email = to_email;
  m.to_name = to_name;
  m.subject = rendered.subject;
  m.text = rendered.text;
  m.html = rendered.html;
  if (const auto it = vars.find("qr_payload"); it != vars.end()) {
    // The code as it was when the message was queued: a later transfer does not change it.
    m.qr_png = render_qr_png(it->second, 8);
    PrintedTicket p;
    p.event_name = vars["event_name"];
    if (!vars["venue"].empty()) p.venue = vars["venue"];
    if (!vars["starts_at"].empty()) p.starts_at = vars["starts_at"];
    p.holder_name = vars["holder_name"];
    if (!vars["team_name"].empty()) p.team_name = vars["team_name"];
    p.serial = vars["serial"];
    p.qr_payload = it->second;
    p.status = "valid";
    p.locale = rendered.locale;
    m.pdf = render_ticket_pdf(p, Paper::a4);
    m.pdf_name = "ticket-" + p.serial + ".pdf";
  }
  return m;
}

MailSender::MailSender(Context& ctx, AfterSend after_send) : ctx_(ctx), after_send_(std::move(after_send)) {
  thread_ = std::thread([this] { loop(); });
}

MailSender::~MailSender() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void MailSender::nudge() {
  {
    std::lock_guard lock(mutex_);
    nudged_ = true;
  }
  cv_.notify_all();
}

void MailSender::loop() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    lock.unlock();
    try {
      deliver_due();
    } catch (const std::exception& e) {
      spdlog::warn("mail: delivery pass failed (will retry): {}", e.what());
    }
    lock.lock();
    cv_.wait_for(lock, std::chrono::milliseconds(ctx_.config.mail.poll_ms), [&] { return stop_ || nudged_; });
    nudged_ = false;
  }
}

int MailSender::deliver_due() {
  const auto& cfg = ctx_.config.mail;
  if (!cfg.enabled || cfg.smtp_url.empty()) return 0;  // messages wait in the outbox
  const Millis now = ctx_.now();
  std::vector<Id> ids;
  ctx_.db.write([&](store::Connection& c) {
    store::outbox::requeue_stale(c, now - cfg.attempt_lease_ms, now);
    ids = store::outbox::due(c, now, 20);
  });
  int sent = 0;
  for (Id id : ids) {
    {
      std::lock_guard lock(mutex_);
      if (stop_) break;
    }
    if (deliver(id)) ++sent;
  }
  return sent;
}

bool MailSender::deliver(Id id) {
  const auto& cfg = ctx_.config.mail;
  std::optional<store::outbox::Message> m;
  bool mine = false;
  ctx_.db.write([&](store::Connection& c) {
    // Recorded before sending: if we die mid-conversation the row says so.
    mine = store::outbox::start_attempt(c, id, ctx_.now()) == 1;
    if (mine) m = store::outbox::find(c, id);
  });
  if (!mine || !m) return false;  // another instance took it
  std::string error;
  try {
    send_smtp(cfg.smtp_url, compose_mail(ctx_, m->kind, m->to_email, m->to_name.value_or(""), m->vars_json));
  } catch (const std::exception& e) {
    error = e.what();
  }
  if (error.empty()) {
    if (after_send_) after_send_(id);
    ctx_.db.write([&](store::Connection& c) { store::outbox::mark_sent(c, id, ctx_.now()); });
    return true;
  }
  const auto attempts = m->attempts;  // includes this one
  metrics::registry().outbox_delivery_failures.inc();  // before the retry is recorded: a later attempt sees it counted
  ctx_.db.write([&](store::Connection& c) {
    if (attempts >= cfg.max_attempts) {
      store::outbox::mark_failed(c, id, error.substr(0, 500));
    } else {
      Millis delay = cfg.retry_base_ms;
      for (std::int64_t i = 1; i < attempts && delay < cfg.retry_max_ms; ++i) delay *= 2;
      store::outbox::mark_retry(c, id, ctx_.now() + std::min(delay, cfg.retry_max_ms), error.substr(0, 500));
    }
  });
  spdlog::warn("mail {} to {} not delivered (attempt {}): {}", id, m->to_email, attempts, error);
  return false;
}

}  // namespace gatepass::app

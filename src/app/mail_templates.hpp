#pragma once
// Mail templates: templates/mail/<kind>.txt ("Subject: …", blank line, plain body) and
// <kind>.html, each wrapped in layout.txt / layout.html: English. Other languages live beside
// them in templates/mail/<locale>/ with the same names (issue 24). Compiled in; GATEPASS_TEMPLATE_DIR
// (files with the same names and folders) overrides them one by one.
#include <map>
#include <string>

#include "domain/mail_format.hpp"

namespace gatepass::app {

const std::map<std::string, std::string>& embedded_mail_templates();  // generated at build time

struct RenderedMail {
  std::string subject;
  std::string text;
  std::string html;
  std::string locale;  // the language it was rendered in ("en" when `locale` has no such template)
};
// In `locale` when that language has the kind's template, else in English (the whole mail, layout
// included, so that one message never mixes languages). Throws std::runtime_error for an unknown kind.
RenderedMail render_mail(const std::string& kind, const mail::Vars& vars, const std::string& override_dir = "",
                         const std::string& locale = "en");

// The language a queued message was queued in (app/outbox.cpp puts it in its vars); rows queued
// before languages came have none: English.
inline std::string queued_locale(const mail::Vars& vars) {
  const auto it = vars.find("locale");
  return it == vars.end() || it->second.empty() ? "en" : it->second;
}

}  // namespace gatepass::app

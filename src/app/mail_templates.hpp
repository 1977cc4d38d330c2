#pragma once
// Mail templates: templates/mail/<kind>.txt ("Subject: …", blank line, plain body) and
// <kind>.html, each wrapped in layout.txt / layout.html. Compiled in; GATEPASS_TEMPLATE_DIR
// (files with the same names) overrides them one by one.
#include <map>
#include <string>

#include "domain/mail_format.hpp"

namespace gatepass::app {

const std::map<std::string, std::string>& embedded_mail_templates();  // generated at build time

struct RenderedMail {
  std::string subject;
  std::string text;
  std::string html;
};
// Throws std::runtime_error for an unknown kind.
RenderedMail render_mail(const std::string& kind, const mail::Vars& vars, const std::string& override_dir = "");

}  // namespace gatepass::app

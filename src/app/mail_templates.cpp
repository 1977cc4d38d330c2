#include "app/mail_templates.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gatepass::app {

namespace {
std::string load_file(const std::string& name, const std::string& override_dir) {
  if (!override_dir.empty()) {
    std::ifstream f(override_dir + "/" + name, std::ios::binary);
    if (f) {
      std::ostringstream s;
      s << f.rdbuf();
      return s.str();
    }
  }
  const auto& files = embedded_mail_templates();
  const auto it = files.find(name);
  if (it == files.end()) throw std::runtime_error("no mail template " + name);
  return it->second;
}
}  // namespace

namespace {
bool exists(const std::string& name, const std::string& override_dir) {
  if (!override_dir.empty() && std::ifstream(override_dir + "/" + name)) return true;
  return embedded_mail_templates().contains(name);
}
}  // namespace

RenderedMail render_mail(const std::string& kind, const mail::Vars& vars, const std::string& override_dir,
                         const std::string& locale) {
  // English templates sit in the folder itself; a language without this kind falls back to them.
  const bool localised = locale != "en" && locale.find('/') == std::string::npos && locale.find('.') == std::string::npos &&
                         exists(locale + "/" + kind + ".txt", override_dir);
  const std::string dir = localised ? locale + "/" : "";
  const auto load = [&](const std::string& name) { return load_file(dir + name, override_dir); };
  const auto text = mail::split_subject(load(kind + ".txt"));
  RenderedMail out;
  out.locale = localised ? locale : "en";
  // The subject is a header: rendered without HTML escaping, encoded later (mail_format).
  out.subject = mail::render(text.subject, vars, mail::Escape::none);
  auto with_content = vars;
  with_content["content"] = mail::render(text.body, vars, mail::Escape::none);
  out.text = mail::render(load("layout.txt"), with_content, mail::Escape::none);
  // The HTML body is rendered escaped first, then placed into the layout unescaped.
  const auto html_body = mail::render(load(kind + ".html"), vars, mail::Escape::html);
  const auto layout = load("layout.html");
  const auto marker = layout.find("{{content}}");
  const auto before = mail::render(layout.substr(0, marker), vars, mail::Escape::html);
  const auto after = marker == std::string::npos ? "" : mail::render(layout.substr(marker + 11), vars, mail::Escape::html);
  out.html = before + html_body + after;
  return out;
}

}  // namespace gatepass::app

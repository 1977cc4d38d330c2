#include "app/ticket_pdf.hpp"

#include "app/ticket_pdf_texts.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <memory>
#include <stdexcept>

#include "app/qr_image.hpp"

namespace gatepass::app {

namespace {
constexpr double kMm = 72.0 / 25.4;  // PDF points per millimetre

struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// One line of text at (x, y) baseline; long text is shrunk to fit `max_width` rather than cut.
void text(cairo_t* cr, const std::string& s, double x, double y, double size, bool bold, double max_width,
          const char* family = "DejaVu Sans") {
  cairo_select_font_face(cr, family, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_text_extents_t ext;
  cairo_text_extents(cr, s.c_str(), &ext);
  if (ext.x_advance > max_width && ext.x_advance > 0) cairo_set_font_size(cr, size * max_width / ext.x_advance);
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, s.c_str());
}

// Flushes the document into its output string; a cairo failure is an error, not a broken file.
void finish_pdf(cairo_surface_t* surface) {
  cairo_surface_finish(surface);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("PDF rendering failed: ") + cairo_status_to_string(cairo_surface_status(surface)));
}

void draw_qr(cairo_t* cr, const std::string& payload, double x, double y, double size) {
  const auto qr = qr_modules(payload);
  const double module = size / (qr.width + 2 * kQrQuietZone);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int my = 0; my < qr.width; ++my)
    for (int mx = 0; mx < qr.width; ++mx)
      if (qr.at(mx, my)) cairo_rectangle(cr, x + (mx + kQrQuietZone) * module, y + (my + kQrQuietZone) * module, module, module);
  cairo_fill(cr);
}
}  // namespace

std::string render_ticket_pdf(const PrintedTicket& t, Paper paper) {
  const double width = paper == Paper::a4 ? 210 * kMm : 612;  // Letter: 8.5 × 11 in
  const double height = paper == Paper::a4 ? 297 * kMm : 792;
  std::string out;
  std::unique_ptr<cairo_surface_t, SurfaceFree> surface(cairo_pdf_surface_create_for_stream(append, &out, width, height));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, ("Ticket " + t.serial).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Gatepass");
  std::unique_ptr<cairo_t, ContextFree> cr(cairo_create(surface.get()));
  cairo_t* c = cr.get();

  const double margin = 20 * kMm, inner = width - 2 * margin;
  double y = margin + 14;
  cairo_set_source_rgb(c, 0.35, 0.35, 0.35);
  const auto& words = ticket_pdf_texts(t.locale);
  text(c, words.heading, margin, y, 11, true, inner);
  cairo_set_source_rgb(c, 0, 0, 0);
  text(c, t.event_name, margin, y += 30, 26, true, inner);
  if (t.venue) text(c, *t.venue, margin, y += 22, 14, false, inner);
  if (t.starts_at) text(c, *t.starts_at, margin, y += 20, 14, false, inner);

  // The QR code: large, centred, with its quiet zone; about 9 cm wide on either paper.
  const double qr_size = 90 * kMm;
  const double qr_y = y + 24;
  draw_qr(c, t.qr_payload, (width - qr_size) / 2, qr_y, qr_size);
  y = qr_y + qr_size + 30;
  cairo_set_source_rgb(c, 0, 0, 0);
  text(c, t.holder_name, margin, y, 20, true, inner);
  if (t.team_name) text(c, *t.team_name, margin, y += 20, 13, false, inner);
  text(c, t.serial, margin, y += 28, 16, true, inner, "DejaVu Sans Mono");
  cairo_set_source_rgb(c, 0.35, 0.35, 0.35);
  text(c, words.entrance, margin, y += 26, 10, false, inner);
  if (t.claim_code) {
    // Beside the entry QR, never inside it: a small second code a phone can scan on "Claim".
    const double claim_qr = 24 * kMm, text_width = inner - claim_qr - 6 * kMm;
    draw_qr(c, *t.claim_code, width - margin - claim_qr, y + 10, claim_qr);
    cairo_set_source_rgb(c, 0, 0, 0);
    text(c, words.claim_code + *t.claim_code, margin, y += 24, 12, true, text_width, "DejaVu Sans Mono");
    cairo_set_source_rgb(c, 0.35, 0.35, 0.35);
    text(c, words.claim_private, margin, y += 16, 10, false, text_width);
    text(c, words.claim_how, margin, y += 13, 10, false, text_width);
    y = std::max(y, y - 29 + claim_qr);
  }
  if (t.status != "valid" && t.status != "used") {
    cairo_set_source_rgb(c, 0.75, 0, 0);
    text(c, words.not_valid + " (" + ticket_status_word(t.status, t.locale) + ")", margin, y += 30, 18, true, inner);
  }
  cairo_show_page(c);
  cr.reset();
  finish_pdf(surface.get());
  return out;
}

std::string render_sheet_pdf(const std::string& event_name, const std::vector<SheetTicket>& codes) {
  // A4, 3 × 4 tickets a page: each a 50 mm QR with its serial, cut along the grey lines.
  const double width = 210 * kMm, height = 297 * kMm, margin = 10 * kMm;
  constexpr int kCols = 3, kRows = 4;
  const double cell_w = (width - 2 * margin) / kCols, cell_h = (height - 2 * margin) / kRows, qr = 50 * kMm;
  std::string out;
  std::unique_ptr<cairo_surface_t, SurfaceFree> surface(cairo_pdf_surface_create_for_stream(append, &out, width, height));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, ("Tickets: " + event_name).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Gatepass");
  std::unique_ptr<cairo_t, ContextFree> cr(cairo_create(surface.get()));
  cairo_t* c = cr.get();
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const int slot = static_cast<int>(i % (kCols * kRows));
    if (slot == 0 && i > 0) cairo_show_page(c);
    const double x = margin + (slot % kCols) * cell_w, y = margin + (slot / kCols) * cell_h;
    cairo_set_source_rgb(c, 0.8, 0.8, 0.8);
    cairo_set_line_width(c, 0.5);
    cairo_rectangle(c, x, y, cell_w, cell_h);
    cairo_stroke(c);
    cairo_set_source_rgb(c, 0, 0, 0);
    text(c, event_name, x + 4 * kMm, y + 7 * kMm, 9, true, cell_w - 8 * kMm);
    draw_qr(c, codes[i].qr_payload, x + (cell_w - qr) / 2, y + 10 * kMm, qr);
    text(c, codes[i].serial, x + 4 * kMm, y + 10 * kMm + qr + 8 * kMm, 12, true, cell_w - 8 * kMm, "DejaVu Sans Mono");
    if (codes[i].claim_code)
      text(c, "Claim: " + *codes[i].claim_code, x + 4 * kMm, y + 10 * kMm + qr + 13 * kMm, 8, false, cell_w - 8 * kMm,
           "DejaVu Sans Mono");
  }
  cairo_show_page(c);
  cr.reset();
  finish_pdf(surface.get());
  return out;
}

}  // namespace gatepass::app

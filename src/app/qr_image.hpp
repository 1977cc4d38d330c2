#pragma once
// QR code images of a ticket payload: PNG (libqrencode + libpng) and SVG (one path element).
#include <string>
#include <string_view>

namespace gatepass::app {

// `scale` pixels per module, 4-module quiet zone as the QR standard asks for.
std::string render_qr_png(std::string_view text, int scale = 8);
std::string render_qr_svg(std::string_view text);

}  // namespace gatepass::app

#pragma once
// QR code images of a ticket payload: PNG (libqrencode + libpng) and SVG (one path element).
#include <string>
#include <string_view>
#include <vector>

namespace gatepass::app {

// `scale` pixels per module, 4-module quiet zone as the QR standard asks for.
std::string render_qr_png(std::string_view text, int scale = 8);
std::string render_qr_svg(std::string_view text);

// The QR symbol itself, for renderers that draw it their own way (the PDF ticket draws vector
// squares): `width` × `width` modules, row by row, true = dark. No quiet zone included.
struct QrModules {
  int width = 0;
  std::vector<bool> dark;
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * width + x)]; }
};
QrModules qr_modules(std::string_view text);
inline constexpr int kQrQuietZone = 4;  // modules of light margin the QR standard asks for

}  // namespace gatepass::app

import { Route, Routes } from "react-router-dom";
import { RegisterPage } from "../features/register/RegisterPage";
import { AdminApp } from "../features/admin/AdminApp";
import { ScannerApp } from "../features/scanner/ScannerApp";

export function App() {
  return (
    <Routes>
      <Route path="/admin/*" element={<AdminApp />} />
      <Route path="/scan/*" element={<ScannerApp />} />
      <Route path="*" element={<RegisterPage />} />
    </Routes>
  );
}

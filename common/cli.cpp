#include "common/cli.hpp"

#include <xapian.h>

#include <charconv>
#include <sstream>

namespace dateline::cli {

namespace po = boost::program_options;

po::options_description general_options(GeneralFlags& flags) {
  po::options_description group("General");
  group.add_options()                                                      //
      ("help,h", po::bool_switch(&flags.help), "show this help and exit")  //
      ("version", po::bool_switch(&flags.version), "show the version and exit");
  return group;
}

po::options_description database_options(std::string& db_path) {
  po::options_description group("Index");
  group.add_options()  //
      ("db,d", po::value(&db_path)->value_name("DIR"), "the index directory (Xapian database)");
  return group;
}

po::typed_value<std::string>* whole_number(std::string_view option, std::size_t& target,
                                           std::size_t min, std::size_t max,
                                           std::size_t default_value) {
  target = default_value;
  auto check = [name = std::string(option), &target, min, max](const std::string& text) {
    std::size_t value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    const bool digits_only =
        !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
    if (!digits_only || error != std::errc() || stop != end || value < min || value > max) {
      throw po::error("--" + name + " must be a whole number from " + std::to_string(min) + " to " +
                      std::to_string(max) + ", not '" + text + "'");
    }
    target = value;
  };
  return po::value<std::string>()
      ->value_name("N")
      ->default_value(std::to_string(default_value))
      ->notifier(check);
}

std::string usage_error_line(const std::string& program, const std::string& message) {
  return program + ": " + message + "; see " + program + " --help";
}

std::string help_text(std::string_view head, const po::options_description& options) {
  std::ostringstream out;
  out << head << options;
  return out.str();
}

std::string version_line(const std::string& program) {
  return program + " 0.1.0 (Xapian " + Xapian::version_string() + ")";
}

}  // namespace dateline::cli

#include "common/cli.hpp"

#include <xapian.h>

#include <charconv>
#include <sstream>

// The version is CMake's project(VERSION), passed in by the build
// (CMakeLists.txt), so that it is written in one place.
#ifndef DATELINE_VERSION
#error "DATELINE_VERSION must be defined by the build (CMakeLists.txt)"
#endif

namespace dateline::cli {

namespace po = boost::program_options;

po::options_description general_options(GeneralFlags& flags) {
  po::options_description group("General");
  group.add_options()                                                      //
      ("help,h", po::bool_switch(&flags.help), "show this help and exit")  //
      ("version", po::bool_switch(&flags.version), "show the version and exit");
  return group;
}

po::options_description with_general_options(GeneralFlags& flags,
                                             const po::options_description& group) {
  po::options_description all;
  all.add(general_options(flags)).add(group);
  return all;
}

po::options_description database_options(std::string& db_path) {
  po::options_description group("Index");
  group.add_options()  //
      ("db,d", po::value(&db_path)->value_name("DIR"), "the index directory (Xapian database)");
  return group;
}

std::optional<std::size_t> parse_whole_number(std::string_view text, std::size_t min,
                                              std::size_t max) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  std::size_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end || value < min || value > max) return std::nullopt;
  return value;
}

std::string whole_number_error(std::string_view name, std::size_t min, std::size_t max,
                               std::string_view text) {
  return std::string(name) + " must be a whole number from " + std::to_string(min) + " to " +
         std::to_string(max) + ", not '" + std::string(text) + "'";
}

po::typed_value<std::string>* whole_number(std::string_view option, std::size_t& target,
                                           std::size_t min, std::size_t max,
                                           std::size_t default_value) {
  target = default_value;
  auto check = [name = "--" + std::string(option), &target, min, max](const std::string& text) {
    const std::optional<std::size_t> value = parse_whole_number(text, min, max);
    if (!value) throw po::error(whole_number_error(name, min, max, text));
    target = *value;
  };
  return po::value<std::string>()
      ->value_name("N")
      ->default_value(std::to_string(default_value))
      ->notifier(check);
}

po::variables_map parse_arguments(const std::vector<std::string>& args,
                                  const po::options_description& options,
                                  const po::positional_options_description& positional) {
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
  po::notify(vm);
  return vm;
}

std::string usage_error_line(const std::string& program, const std::string& message) {
  return program + ": " + message + "; see " + program + " --help";
}

std::string help_text(std::string_view head, const po::options_description& options) {
  std::ostringstream out;
  out << head << options;
  return out.str();
}

std::string_view version() { return DATELINE_VERSION; }

std::string version_line(const std::string& program) {
  return program + " " + std::string(version()) + " (Xapian " + Xapian::version_string() + ")";
}

Failure current_failure(const ErrorPolicy& policy) {
  try {
    throw;
  } catch (const po::error& e) {
    return {k_exit_usage, e.what()};
  } catch (const Error& e) {
    for (const ErrorRule& rule : policy.rules) {
      if (rule.matches(e)) return {rule.status, rule.prefix + e.what()};
    }
    return {k_exit_error, e.what()};
  } catch (const Xapian::Error& e) {
    return {k_exit_error, policy.xapian_prefix + e.get_description()};
  } catch (const std::exception& e) {
    return {k_exit_error, e.what()};
  } catch (...) {
    return {k_exit_error, "unknown error"};
  }
}

std::string failure_line(const std::string& program, const Failure& failure) {
  if (failure.status == k_exit_usage) return usage_error_line(program, failure.message);
  return program + ": " + failure.message;
}

int run_reporting_failures(const std::string& program, const ErrorPolicy& policy, std::ostream& err,
                           const std::function<int()>& body) {
  try {
    return body();
  } catch (...) {
    const Failure failure = current_failure(policy);
    err << failure_line(program, failure) << '\n';
    return failure.status;
  }
}

}  // namespace dateline::cli

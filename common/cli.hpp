// What every dateline program's command line shares: option groups (PISA's
// pattern: each returns a Boost.ProgramOptions description bound to a field
// of the caller's params struct, so every program spells common options the
// same way and the parsing can be unit-tested without starting a process),
// the exit codes, the version, and run_main, the one main() of every binary
// and tool: parse, --help, --version, run, and errors mapped to exit codes.
//
// Thread-safety: the functions are safe to call from any thread, except
// run_main, which writes to the streams it is given (std::cout and
// std::cerr from main()) and is meant to be the whole of main().
#pragma once

#include <boost/program_options.hpp>

#include <cstdint>
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"

namespace dateline::cli {

// Process exit statuses, the same for every dateline binary and tool.
enum ExitCode : int {
  k_exit_ok = 0,
  k_exit_error = 1,          // runtime failure: index unreadable, bad query, Xapian error
  k_exit_usage = 2,          // bad command line
  k_exit_shard = 3,          // a shard of the index is down or slower than the timeout
  k_exit_interrupted = 130,  // stopped by SIGINT or SIGTERM, after saving the work done
};

struct GeneralFlags {
  bool help = false;
  bool version = false;
  // With either, a program only prints (run_main does), so its own
  // required options and arguments may be missing.
  bool help_or_version() const { return help || version; }
};

// --help, --version
boost::program_options::options_description general_options(GeneralFlags& flags);

// A program's options: the general ones, then `group`.
boost::program_options::options_description with_general_options(
    GeneralFlags& flags, const boost::program_options::options_description& group);

// --db DIR (required by the caller's own check, so --help works without it)
boost::program_options::options_description database_options(std::string& db_path);

// A whole-number option stored in `target`, accepted only from `min` to
// `max`. Boost's own conversion to an unsigned type wraps "-5" round to
// 18446744073709551611 and takes "1e3" as 1, so the value is read as text
// and converted here. Anything but plain decimal digits within the range
// makes notify() throw boost::program_options::error with one line that
// names the option and its range: "--jobs must be a whole number from 0 to
// 1024, not '-1'". The option's default (shown by --help) is
// `default_value`, which must lie within the range.
boost::program_options::typed_value<std::string>* whole_number(std::string_view option,
                                                               std::size_t& target, std::size_t min,
                                                               std::size_t max,
                                                               std::size_t default_value);

// `text` as a whole number from `min` to `max`: plain decimal digits only
// (no sign, space or exponent), within the range; nullopt otherwise.
std::optional<std::size_t> parse_whole_number(std::string_view text, std::size_t min,
                                              std::size_t max);

// What whole_number says of a refused value: "NAME must be a whole number
// from MIN to MAX, not 'TEXT'".
std::string whole_number_error(std::string_view name, std::size_t min, std::size_t max,
                               std::string_view text);

// Parses `args` (the arguments after the program's name) against
// `options`, positional arguments going to the options `positional` names,
// then runs the options' notifiers (which fill the caller's fields).
// Throws boost::program_options::error for unknown options, bad or missing
// values and what a notifier refuses. Costs a pass over the arguments.
boost::program_options::variables_map parse_arguments(
    const std::vector<std::string>& args,
    const boost::program_options::options_description& options,
    const boost::program_options::positional_options_description& positional = {});

// The one line a program prints for a bad command line (instead of its
// whole usage text): "dateline-search: --offset must be ...; see
// dateline-search --help".
std::string usage_error_line(const std::string& program, const std::string& message);

// The whole --help text: `head` (usage lines and a paragraph or two, ending
// in a newline), then the option groups, each after a blank line. Boost
// prints an options_description's caption followed by ':' on a line of
// its own, so the head is kept out of the description.
std::string help_text(std::string_view head,
                      const boost::program_options::options_description& options);

// The project's version, "0.1.0": CMake's project(VERSION), compiled in.
std::string_view version();

// "dateline-index 0.1.0 (Xapian 1.4.22)"
std::string version_line(const std::string& program);

// --- Errors to exit codes -------------------------------------------------

// How a program ends on an exception: its exit status and the message it
// prints after its name.
struct Failure {
  int status = k_exit_error;
  std::string message;
};

// One of a program's own exception types (a dateline::Error subclass, such
// as the searcher's ShardError), with the status it exits with and the
// words before its message. Made by error_rule<T>.
struct ErrorRule {
  bool (*matches)(const Error&) = nullptr;
  int status = k_exit_error;
  std::string prefix;
};

template <class SomeError>
ErrorRule error_rule(int status, std::string prefix = {}) {
  return {[](const Error& e) { return dynamic_cast<const SomeError*>(&e) != nullptr; }, status,
          std::move(prefix)};
}

// What a program adds to the common mapping of exceptions.
struct ErrorPolicy {
  // Tried in order on a dateline::Error; the first that matches decides.
  std::vector<ErrorRule> rules;
  // Before a Xapian::Error's description: what it concerns ("index 'DIR': ").
  std::string xapian_prefix;
};

// The Failure of the exception being handled:
//   boost::program_options::error   k_exit_usage, its what()
//   dateline::Error                 the first matching rule's status, its
//                                   prefix and what(); else k_exit_error, what()
//   Xapian::Error (not a std::exception)  k_exit_error, xapian_prefix and
//                                   get_description()
//   any other std::exception        k_exit_error, what()
//   anything else                   k_exit_error, "unknown error"
// REQUIRES: called inside a catch block (it rethrows the exception being
// handled to tell its type). Throws nothing but std::bad_alloc.
Failure current_failure(const ErrorPolicy& policy);

// The line for stderr: a failure with k_exit_usage (a bad command line) as
// usage_error_line, which points at --help; any other as
// "PROGRAM: MESSAGE".
std::string failure_line(const std::string& program, const Failure& failure);

// Runs `body` and returns its status; if it throws, prints
// failure_line(program, current_failure(policy)) to `err` and returns that
// failure's status instead.
int run_reporting_failures(const std::string& program, const ErrorPolicy& policy, std::ostream& err,
                           const std::function<int()>& body);

// A binary or tool, as run_main runs it. CommandLine is what `parse`
// fills: default-constructible, with a `cli::GeneralFlags general` member.
template <class CommandLine>
struct Program {
  // The name every message starts with: "dateline-index".
  std::string name;
  // The arguments after the program's name -> the command line. Throws
  // boost::program_options::error for a bad one.
  std::function<CommandLine(const std::vector<std::string>&)> parse;
  // The whole --help text.
  std::function<std::string()> usage;
  // The work: calls the library and returns the exit status.
  std::function<int(CommandLine&)> run;
  // Optional: the program's own error mapping, given its command line.
  std::function<ErrorPolicy(const CommandLine&)> errors = {};
};

// The whole of a main(): parses `args`; prints the usage text with --help
// or the version line with --version (--help first) to `out`, and returns
// k_exit_ok; else runs the program (with its error policy, made from the
// parsed command line) and returns run's status. Whatever parse or run
// throws is printed to `err` as one failure_line, and that failure's status
// is returned (a bad command line: k_exit_usage): nothing escapes. Costs
// what parse and run cost. The streams are written from this thread only.
template <class CommandLine>
int run_main(const Program<CommandLine>& program, const std::vector<std::string>& args,
             std::ostream& out, std::ostream& err) {
  std::optional<CommandLine> command_line;
  const int parsed = run_reporting_failures(program.name, {}, err, [&] {
    command_line = program.parse(args);
    return k_exit_ok;
  });
  if (!command_line) return parsed;
  if (command_line->general.help) {
    out << program.usage();
    return k_exit_ok;
  }
  if (command_line->general.version) {
    out << version_line(program.name) << '\n';
    return k_exit_ok;
  }
  const ErrorPolicy policy = program.errors ? program.errors(*command_line) : ErrorPolicy{};
  return run_reporting_failures(program.name, policy, err,
                                [&] { return program.run(*command_line); });
}

// run_main on main()'s arguments, with std::cout and std::cerr.
template <class CommandLine>
int run_main(const Program<CommandLine>& program, int argc, char** argv) {
  return run_main(program, std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}

}  // namespace dateline::cli

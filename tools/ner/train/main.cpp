// ner-train: parses the command line, calls run_train, and maps errors to exit
// codes (0 done, 1 failed, 2 bad usage).
#include <xapian.h>

#include <boost/program_options.hpp>

#include <iostream>

#include "common/cli.hpp"
#include "common/error.hpp"
#include "tools/ner/ner_cli.hpp"

int main(int argc, char** argv) {
  using namespace dateline;
  ner::TrainCommandLine command_line;
  try {
    command_line = ner::parse_train_command_line(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const boost::program_options::error& e) {
    std::cerr << "ner-train: " << e.what() << "\n\n" << ner::train_usage();
    return cli::k_exit_usage;
  }
  if (command_line.general.help) {
    std::cout << ner::train_usage();
    return cli::k_exit_ok;
  }
  if (command_line.general.version) {
    std::cout << cli::version_line("ner-train") << '\n';
    return cli::k_exit_ok;
  }
  try {
    return ner::run_train(command_line, std::cout, std::cerr);
  } catch (const Xapian::Error& e) {
    std::cerr << "ner-train: " << e.get_description() << '\n';
  } catch (const Error& e) {
    std::cerr << "ner-train: " << e.what() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "ner-train: " << e.what() << '\n';
  }
  return cli::k_exit_error;
}

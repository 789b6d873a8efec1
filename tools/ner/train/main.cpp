// ner-train: tools/ner/ner_cli.hpp's train_program, run by cli::run_main (exit
// codes 0 done, 1 failed, 2 bad usage).
#include "tools/ner/ner_cli.hpp"

int main(int argc, char** argv) {
  return dateline::cli::run_main(dateline::ner::train_program(), argc, argv);
}

/** Replaying measured cases (llama.cpp load logs, vLLM/SGLang startup logs, llama-bench speeds) against the estimators: samples, median and p90 relative error, the Markdown report. */
package dev.runyard.core.accuracy;

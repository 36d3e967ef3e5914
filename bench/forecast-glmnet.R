# R side of bench/forecast.bench.ts: EWP's model (cv.glmnet, binomial, alpha 0.5, 10 folds, lambda.min) fitted
# for each base year on the same rows and the same fold ids as Tocsin; prints timings and predictions as JSON.
# Usage: Rscript bench/forecast-glmnet.R DATA.csv FOLDS.txt OUT.json
suppressMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], check.names = FALSE)
pred <- setdiff(names(d), c("ewp_name", "ccode", "mk_onset_1or2", "mk_onset", "mk_onset_1", "mk_onset_2"))
folds <- strsplit(readLines(args[2]), ",")
cc <- complete.cases(d[, pred])
out <- character(0)
total <- 0
for (f in folds) {
  base <- as.integer(f[1])
  foldid <- as.integer(f[-1])
  s <- d[d$year <= base - 2 & !is.na(d$mk_onset_1or2) & cc, ]
  x <- as.matrix(s[, pred])
  newx <- as.matrix(d[d$year == base & cc, pred])
  t0 <- proc.time()
  cv <- cv.glmnet(x, s$mk_onset_1or2, family = "binomial", alpha = 0.5, foldid = foldid)
  p <- as.numeric(predict(cv, newx, s = "lambda.min", type = "response"))
  dt <- proc.time() - t0
  el <- dt[["elapsed"]]
  cpu <- dt[["user.self"]] + dt[["sys.self"]]
  total <- total + el
  out <- c(out, sprintf("{\"baseYear\":%d,\"seconds\":%.6f,\"cpu\":%.6f,\"lambdaMin\":%.17g,\"p\":[%s]}", base, el, cpu, cv$lambda.min,
    paste(sprintf("%.17g", p), collapse = ",")))
}
writeLines(sprintf("{\"glmnet\":\"%s\",\"seconds\":%.6f,\"years\":[%s]}", as.character(packageVersion("glmnet")), total,
  paste(out, collapse = ",")), args[3])

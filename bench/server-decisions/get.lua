-- GET with the ci token: the path is wrk's URL (whoami, or a change's decision).
--   BENCH_TOKEN=cst_… BENCH_DIR=bench/server-decisions wrk -s get.lua URL
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

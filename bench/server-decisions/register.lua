-- POST /api/v1/changes with the registration `countersign check --server` sent (a repeated CI check of an unchanged
-- change: the server answers from a read, without writing).
--   BENCH_TOKEN=cst_… BENCH_BODY=registration.json BENCH_DIR=bench/server-decisions wrk -s register.lua URL/api/v1/changes
local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Content-Type"] = "application/json"
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

-- scale.lua — wrk script for bench/scale.sh: each request takes the next
-- path of the file named by the PATHS environment variable (one per line),
-- so 64 connections spread over the same random units as the sequence.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
local i = 0

request = function()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end

-- Warden bridge: Minetest reads no stdin, so the supervisor writes its chat replies to
-- <world>/supervisor_inbox.txt and this mod broadcasts them. The file is taken by renaming it,
-- so a line the supervisor appends meanwhile goes to a fresh inbox instead of being truncated away.
local inbox = minetest.get_worldpath() .. "/supervisor_inbox.txt"
local taken = inbox .. ".taken"
local elapsed = 0

minetest.register_globalstep(function(dtime)
	elapsed = elapsed + dtime
	if elapsed < 1 then
		return
	end
	elapsed = 0
	if not os.rename(inbox, taken) then
		return -- no inbox yet: nothing to say
	end
	local file = io.open(taken, "r")
	if not file then
		return
	end
	for line in file:lines() do
		if line ~= "" then
			minetest.chat_send_all(line)
			minetest.log("action", "[warden_bridge] announced: " .. line)
		end
	end
	file:close()
	os.remove(taken)
end)

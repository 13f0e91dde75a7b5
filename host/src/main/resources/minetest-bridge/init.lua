-- Warden bridge: Minetest reads no stdin, so the supervisor writes its chat replies to
-- <world>/supervisor_inbox.txt and this mod delivers them. The file is taken by renaming it,
-- so a line the supervisor appends meanwhile goes to a fresh inbox instead of being truncated away.
-- Each line is "<to>\t<text>": "*" for everyone, else one player's name, for answers that are
-- for that player alone (an admin's figures). Those are not logged with their text.
local inbox = minetest.get_worldpath() .. "/supervisor_inbox.txt"
local taken = inbox .. ".taken"
local elapsed = 0

local function deliver(line)
	local to, text = line:match("^([^\t]*)\t(.*)$")
	if not to then
		to, text = "*", line
	end
	if to == "*" then
		minetest.chat_send_all(text)
		minetest.log("action", "[warden_bridge] announced: " .. text)
	elseif minetest.get_player_by_name(to) then
		minetest.chat_send_player(to, text)
		minetest.log("action", "[warden_bridge] answered " .. to .. " privately")
	end
end

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
			deliver(line)
		end
	end
	file:close()
	os.remove(taken)
end)

-- Test only: a real client cannot run here (no display), so this mod writes the two lines a client joining
-- and typing "!players" makes Minetest 5.6 log. minetest.log from a globalstep runs on the "Server" thread, so the
-- lines are byte for byte what server.cpp prints for a real player.
local said = false
local elapsed = 0
minetest.register_globalstep(function(dtime)
	elapsed = elapsed + dtime
	if said or elapsed < 0.5 then
		return
	end
	said = true
	minetest.log("action", "alice [127.0.0.1] joins game. List of players: alice")
	minetest.log("action", "CHAT: <alice> !players")
end)

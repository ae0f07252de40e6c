-- wrk script: each request signed in as the next person in COOKIES (one "sessionid csrftoken"
-- pair a line), round robin per thread. METHOD=POST sends BODY_KIND ("session" or "checkin")
-- with a fresh idempotency key for every request.
local cookies_file = os.getenv("COOKIES")
local method = os.getenv("METHOD") or "GET"
local kind = os.getenv("BODY_KIND") or ""
local people = {}
for line in io.lines(cookies_file) do
  local sid, csrf = line:match("(%S+)%s+(%S+)")
  people[#people + 1] = { sid = sid, csrf = csrf }
end
local counter, thread_no = 0, 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end

function init(args)
  thread_no = tonumber(thread_no) or 1
  counter = thread_no * 7919
end

local function session_body(now)
  local started = os.date("!%Y-%m-%dT%H:%M:%SZ", now - 400)
  local ended = os.date("!%Y-%m-%dT%H:%M:%SZ", now - 10)
  return '{"routine_id":"relief-sequence","started_at":"' .. started .. '","ended_at":"' .. ended
    .. '","completed":true,"planned_seconds":407,"practised_seconds":390,"exercises":['
    .. '{"exercise_id":"standing-glute-squeeze","outcome":"done","held_seconds":60,"planned_seconds":60,"side":"both","spread":false}]}'
end

function request()
  counter = counter + 1
  local p = people[(counter % #people) + 1]
  local headers = { ["Cookie"] = "sessionid=" .. p.sid .. "; csrftoken=" .. p.csrf }
  if method == "GET" then
    return wrk.format("GET", nil, headers)
  end
  headers["X-CSRFToken"] = p.csrf
  if kind == "session" then
    headers["Content-Type"] = "application/json"
    headers["Idempotency-Key"] = string.format("bench-%d-%d-%d", thread_no, counter, os.time())
    return wrk.format("POST", nil, headers, session_body(os.time()))
  end
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  return wrk.format("POST", nil, headers,
    "csrfmiddlewaretoken=" .. p.csrf .. "&context=standalone&leg_pain=3&back_pain=2&extent_left=1&extent_right=0")
end

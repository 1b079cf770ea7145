#!/usr/bin/env python3
"""Dashboard login in headless Chromium through nginx, for the stack trial.

Drives chromedriver over its W3C WebDriver HTTP API (standard library only): opens
BASE/dashboard/login, types the password, submits, and checks that the dashboard (with its
log-out button) is shown. Prints one line `ok <url>` or `error <reason>`; exit 0 on success.
   dashboard-login.py BASE PASSWORD_ENV_VAR SCREENSHOT.png
"""
import base64, json, os, socket, subprocess, sys, time, urllib.request

base, pw_var, shot = sys.argv[1], sys.argv[2], sys.argv[3]
password = os.environ[pw_var]

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
driver = subprocess.Popen(["chromedriver", f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def call(method, path, body=None, timeout=60):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read() or b"{}").get("value")

try:
    for _ in range(100):
        try:
            call("GET", "/status", timeout=2)
            break
        except OSError:
            time.sleep(0.1)
    # the lab certificate is self-signed: accepted for this session only
    caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "acceptInsecureCerts": True,
            "goog:chromeOptions": {"binary": "/usr/bin/chromium",
                                   "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]}}}}
    sid = call("POST", "/session", caps)["sessionId"]
    def find(css):
        return call("POST", f"/session/{sid}/element", {"using": "css selector", "value": css})
    def element_id(e):
        return next(iter(e.values()))
    call("POST", f"/session/{sid}/url", {"url": base + "/dashboard/login"})
    field = element_id(find("#password"))
    call("POST", f"/session/{sid}/element/{field}/value", {"text": password})
    call("POST", f"/session/{sid}/element/{element_id(find('#login'))}/click", {})
    url = ""
    for _ in range(100):  # at most 20 s for the redirect after the login post
        url = call("GET", f"/session/{sid}/url")
        if "/login" not in url:
            break
        time.sleep(0.2)
    try:
        find("#logout")
        logged_in = True
    except urllib.error.HTTPError:
        logged_in = False
    png = call("GET", f"/session/{sid}/screenshot")
    with open(shot, "wb") as f:
        f.write(base64.b64decode(png))
    call("DELETE", f"/session/{sid}")
    if logged_in and "/login" not in url:
        print("ok " + url)
        sys.exit(0)
    print("error still on " + url)
    sys.exit(1)
except Exception as e:  # one line for the trial's FAIL detail
    print("error " + type(e).__name__ + ": " + str(e)[:200])
    sys.exit(1)
finally:
    driver.terminate()
    driver.wait(10)

@echo off
rem Runyard launcher for Windows: builds the jar when missing, then runs it.
setlocal
set ROOT=%~dp0
set JAR=%ROOT%runyard-app\target\runyard.jar
if not exist "%JAR%" (
  echo building Runyard... 1>&2
  pushd "%ROOT%"
  call mvnw.cmd -q -B -DskipTests package > "%TEMP%\runyard-build.log" 2>&1
  if errorlevel 1 (
    type "%TEMP%\runyard-build.log" 1>&2
    popd
    exit /b 1
  )
  popd
)
rem One-shot commands start fastest on C1 and the serial collector; a server runs long enough for C2.
if "%~1"=="serve" (
  java -XX:+UseParallelGC -jar "%JAR%" %*
) else (
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "%JAR%" %*
)

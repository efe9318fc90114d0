// okno-buttons/1 reference firmware: a five-button rating box with one LED per button.
// Board: any Arduino-compatible board with a USB serial port (Uno, Nano, Leonardo, Pro Micro…).
// Wiring: button n between pin BUTTON_PINS[n-1] and GND (internal pull-ups, no resistors needed);
//         LED n (with a ~330 Ω resistor) between pin LED_PINS[n-1] and GND.
// Protocol: docs/protocol-buttons.md. 9600 baud, 8N1.
//   Box → host:  "HELLO okno-box <firmware> <buttons>\n" at start and on "?", "B<n>*HH\n" per press.
//   Host → box:  "L<n>\n" lights LED n for LED_MS (the vote was committed), "?\n" asks for HELLO.

const char FIRMWARE[] = "1.0.0";
const uint8_t BUTTONS = 5;
const uint8_t BUTTON_PINS[BUTTONS] = {2, 3, 4, 5, 6};
const uint8_t LED_PINS[BUTTONS] = {8, 9, 10, 11, 12};
const unsigned long DEBOUNCE_MS = 30;   // the host debounces too (buttons.debounceMs)
const unsigned long LED_MS = 1500;

bool lastLevel[BUTTONS];                 // HIGH = released (pull-up)
unsigned long lastChange[BUTTONS];
unsigned long ledOffAt[BUTTONS];
char line[16];
uint8_t lineLength = 0;
bool discarding = false;                 // inside an overlong line: skip to its newline

void sendHello() {
  Serial.print(F("HELLO okno-box "));
  Serial.print(FIRMWARE);
  Serial.print(' ');
  Serial.println(BUTTONS);               // println ends with "\r\n": accepted by the host
}

void sendPress(uint8_t button) {
  char body[3] = {'B', char('0' + button), 0};
  uint8_t checksum = body[0] ^ body[1];
  char out[8];
  snprintf(out, sizeof out, "%s*%02X\n", body, checksum);
  Serial.print(out);
}

void handleLine() {
  line[lineLength] = 0;
  if (lineLength == 1 && line[0] == '?') {
    sendHello();
  } else if (lineLength == 2 && line[0] == 'L' && line[1] >= '1' && line[1] <= '0' + BUTTONS) {
    uint8_t index = line[1] - '1';
    digitalWrite(LED_PINS[index], HIGH);
    ledOffAt[index] = millis() + LED_MS;
  }
  lineLength = 0;                        // anything else is ignored
}

void setup() {
  for (uint8_t i = 0; i < BUTTONS; i++) {
    pinMode(BUTTON_PINS[i], INPUT_PULLUP);
    pinMode(LED_PINS[i], OUTPUT);
    lastLevel[i] = HIGH;
  }
  Serial.begin(9600);
  while (!Serial) {}                     // boards with native USB: wait for the port
  sendHello();
}

void loop() {
  unsigned long now = millis();
  for (uint8_t i = 0; i < BUTTONS; i++) {
    bool level = digitalRead(BUTTON_PINS[i]);
    if (level != lastLevel[i] && now - lastChange[i] >= DEBOUNCE_MS) {
      lastChange[i] = now;
      lastLevel[i] = level;
      if (level == LOW) sendPress(i + 1); // pressed: the pin is pulled to GND
    }
    if (ledOffAt[i] != 0 && (long)(now - ledOffAt[i]) >= 0) {
      digitalWrite(LED_PINS[i], LOW);
      ledOffAt[i] = 0;
    }
  }
  while (Serial.available() > 0) {
    char c = Serial.read();
    if (c == '\n') {
      if (!discarding) handleLine();
      discarding = false;
      lineLength = 0;
    } else if (c == '\r' || discarding) {
      // nothing
    } else if (lineLength < sizeof line - 1) {
      line[lineLength++] = c;
    } else {
      discarding = true;
    }
  }
}

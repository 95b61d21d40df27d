/**
 * Package messages of maker and hobby robot boards (patterns/parts/tables/packages/maker-boards.ts):
 * an avrdude, esptool, ESP-IDF, arduino-cli, RPi.GPIO, gpiozero, pigpio, bleak, picamera2 or
 * libcamera message, as the package prints it, names the failure when no pattern of the library
 * does. Each control is a near line that is not the message (another wording, an INFO line,
 * another case).
 */
import { familyByPackage, familyWithControls } from './patterns-read.js';

familyByPackage(
  'Arduino toolchain: avrdude sync and signature, arduino-cli',
  [
    [
      'avrdude: stk500_recv(): programmer is not responding\navrdude: stk500_getsync() attempt 10 of 10: not in sync: resp=0x00',
      'timeout/request_timeout',
    ],
    ['avrdude error: cannot open port /dev/ttyACM0: Device or resource busy', 'config_error/invalid_config'],
    [
      'avrdude: Device signature = 0x1e950f (probably m328p)\navrdude: Expected signature for ATmega2560 is 1E 98 01\n         Double check chip, or use -F to override this check.',
      'config_error/invalid_config',
    ],
    [
      "avrdude: error: could not find USB device with vid=0x16c0 pid=0x5dc vendor='www.fischl.de' product='USBasp'",
      'config_error/file_not_found',
    ],
    ["Error during build: Platform 'esp32:esp32' not found: platform not installed", 'import_error/module_not_found'],
    [
      'Sketch uses 34012 bytes (105%) of program storage space. Maximum is 32256 bytes.\nSketch too big; see https://support.arduino.cc/hc/en-us/articles/360013825179 for tips on reducing it.',
      'resource_error/disk_full',
    ],
  ],
  [
    ['avrdude: AVR device initialized and ready to accept instructions', '!timeout/request_timeout'],
    ['avrdude: programmer is responding again', '!timeout/request_timeout'],
    ["Platform 'esp32:esp32@2.0.14' already installed", '!import_error/module_not_found'],
  ],
);

familyByPackage(
  'ESP32: esptool, panic handler, watchdogs, camera',
  [
    [
      'Connecting......................................\nA fatal error occurred: Failed to connect to ESP32: No serial data received.\nFor troubleshooting steps visit: https://docs.espressif.com/projects/esptool/en/latest/troubleshooting.html',
      'timeout/request_timeout',
    ],
    ['A fatal error occurred: This chip is ESP32-S3 not ESP32. Wrong --chip argument?', 'config_error/invalid_config'],
    ["Guru Meditation Error: Core  0 panic'ed (Interrupt wdt timeout on CPU0).", 'timeout/hang_or_deadlock'],
    ["Guru Meditation Error: Core  1 panic'ed (IntegerDivideByZero). Exception was unhandled.", 'runtime_error/division_by_zero'],
    [
      'E (10230) task_wdt: Task watchdog got triggered. The following tasks did not reset the watchdog in time:\nE (10230) task_wdt:  - IDLE (CPU 0)',
      'timeout/hang_or_deadlock',
    ],
    ['assert failed: xQueueSemaphoreTake queue.c:1545 (( pxQueue ))', 'runtime_error/assertion_failed'],
    [
      'E (1402) spi_flash: Detected size(4096k) smaller than the size in the binary image header(16384k). Probe failed.',
      'config_error/invalid_config',
    ],
    ['E (2345) camera: Camera probe failed with error 0x105(ESP_ERR_NOT_FOUND)', 'hardware_fault/sensor_fault'],
    [
      'Initialising sensors...\n[  5012][E][esp32-hal-i2c-ng.c:272] i2cWrite(): i2c_master_transmit failed: [259] ESP_ERR_INVALID_STATE',
      'hardware_fault/sensor_fault',
    ],
  ],
  [
    ['Connecting....\nChip is ESP32-D0WD-V3 (revision v3.1)', '!timeout/request_timeout'],
    ['I (10230) task_wdt: Task watchdog initialised', '!timeout/hang_or_deadlock'],
    ['I (2345) cam_hal: cam init ok', '!hardware_fault/sensor_fault'],
  ],
);

familyByPackage(
  'Raspberry Pi GPIO: RPi.GPIO, gpiozero, pigpio',
  [
    [
      'Traceback (most recent call last):\n  File "blink.py", line 4, in <module>\n    GPIO.setup(18, GPIO.OUT)\nRuntimeError: No access to /dev/mem.  Try running as root!',
      'auth_error/permission_denied',
    ],
    [
      'Traceback (most recent call last):\n  File "robot.py", line 9, in <module>\n    GPIO.setup(17, GPIO.OUT)\nRuntimeError: Cannot determine SOC peripheral base address',
      'import_error/version_conflict',
    ],
    ['gpiozero.exc.BadPinFactory: Unable to load any default pin factory!', 'import_error/module_not_found'],
    [
      'gpiozero.exc.GPIOPinInUse: pin GPIO17 is already in use by <gpiozero.LED object on pin GPIO17, active_high=True, is_active=False>',
      'config_error/invalid_config',
    ],
    [
      "%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%\nCan't connect to pigpio at localhost(8888)\n\nDid you start the pigpio daemon? E.g. sudo pigpiod",
      'network_error/connection_refused',
    ],
  ],
  [
    ['GPIO.setwarnings(False)  # silence the channel warnings', '!config_error/invalid_config'],
    ['pigpio: connected to pigpio at localhost(8888)', '!network_error/connection_refused'],
  ],
);

familyByPackage(
  'BLE and Pi cameras: bleak, picamera2, libcamera, rpicam-apps',
  [
    ['bleak.exc.BleakDeviceNotFoundError: Device with address AA:BB:CC:DD:EE:FF was not found.', 'timeout/request_timeout'],
    ['RuntimeError: Failed to acquire camera: Device or resource busy', 'config_error/invalid_config'],
    ['ERROR: *** no cameras available ***', 'hardware_fault/sensor_fault'],
    [
      '[0:01:12.045611920] [2106] ERROR RPI pipeline_base.cpp:1368 Please check that your camera sensor connector is attached securely.',
      'hardware_fault/sensor_fault',
    ],
  ],
  [
    ['INFO: connected to device with address AA:BB:CC:DD:EE:FF', '!timeout/request_timeout'],
    ['[0:00:01.1] [2106]  INFO Camera camera_manager.cpp:330 libcamera v0.3.0+rpt20240617', '!hardware_fault/sensor_fault'],
  ],
);

familyWithControls(
  'an I2C device that does not acknowledge is the device, in a record about it',
  [
    [
      'Traceback (most recent call last):\n  File "servo.py", line 12, in <module>\n    kit.servo[0].angle = 90\npigpio.error: \'I2C write failed\'',
      'hardware_fault/actuator_fault',
    ],
  ],
  // Without a servo or motor named, not an actuator's fault.
  [["pigpio.error: 'I2C write failed'", '!hardware_fault/actuator_fault']],
);

familyByPackage(
  'MicroPython, CircuitPython, Blinka: boards running Python',
  [
    ['mpremote: no device found', 'config_error/file_not_found'],
    [
      'Traceback (most recent call last):\n  File "code.py", line 8, in <module>\n    i2c = busio.I2C(board.SCL, board.SDA)\nRuntimeError: No pull up found on SDA or SCL; check your wiring',
      'hardware_fault/sensor_fault',
    ],
    [
      'Traceback (most recent call last):\n  File "code.py", line 10, in <module>\n    bme = adafruit_bme280.Adafruit_BME280_I2C(i2c)\n  File "adafruit_bus_device/i2c_device.py", line 176, in __probe_for_device\nValueError: No I2C device at address: 0x77',
      'hardware_fault/sensor_fault',
    ],
    [
      'Traceback (most recent call last):\n  File "imu.py", line 4, in <module>\n    i2c = busio.I2C(board.SCL, board.SDA)\nValueError: No Hardware I2C on (scl,sda)=(3, 2)\nValid I2C ports: ((1, 3, 2), (0, 1, 0))\nMake sure I2C is enabled.',
      'config_error/invalid_config',
    ],
    [
      'Auto-reload is off.\nYou are in safe mode because:\nPower dipped. Make sure you are providing enough power.',
      'hardware_fault/battery_low',
    ],
  ],
  [
    ['mpremote: connected to /dev/ttyACM0', '!config_error/file_not_found'],
    ['Found I2C device at address: 0x77', '!hardware_fault/sensor_fault'],
    // A bus device named missing in a record about a servo board is not read as a sensor.
    [
      'Traceback (most recent call last):\n  File "servo.py", line 6, in <module>\n    pca = adafruit_pca9685.PCA9685(i2c)\nValueError: No I2C device at address: 0x40',
      '!hardware_fault/sensor_fault',
    ],
  ],
);

familyByPackage(
  'PlatformIO and the ESP8266 core',
  [
    ["Error: Unknown board ID 'esp32dev1'", 'config_error/invalid_config'],
    ["Error: This board doesn't support arduino framework!", 'config_error/invalid_config'],
    [
      "Error: Development platform 'espressif32' is not compatible with PlatformIO Core v6.1.15 and depends on PlatformIO Core >=6.1.16.",
      'import_error/version_conflict',
    ],
    ['\nSoft WDT reset\n\n>>>stack>>>\n\nctx: cont\nsp: 3ffffdc0 end: 3fffffc0 offset: 01a0', 'timeout/hang_or_deadlock'],
  ],
  [
    ['Linking .pio/build/esp32dev/firmware.elf', '!config_error/invalid_config'],
    ['ets Jan  8 2013,rst cause:2, boot mode:(3,6)', '!timeout/hang_or_deadlock'],
  ],
);

familyByPackage(
  'Pi 5 GPIO, legacy Pi camera and flashing tools: lgpio, picamera/MMAL, picotool, OpenOCD, Arduino IDE 1.8',
  [
    [
      'Traceback (most recent call last):\n  File "robot.py", line 3, in <module>\n    led = LED(17)\nlgpio.error: \'GPIO busy\'',
      'config_error/invalid_config',
    ],
    [
      "mmal: mmal_vc_component_create: failed to create component 'vc.ril.camera' (1:ENOMEM)\nmmal: mmal_component_create_core: could not create component 'vc.ril.camera' (1)",
      'hardware_fault/sensor_fault',
    ],
    ['picamera.exc.PiCameraMMALError: Failed to enable connection: Out of resources', 'config_error/invalid_config'],
    ['No accessible RP2040 devices in BOOTSEL mode were found.', 'config_error/file_not_found'],
    ['Error: init mode failed (unable to connect to the target)', 'timeout/request_timeout'],
    [
      "Serial port 'COM3' not found. Did you select the right one from the Tools > Serial Port menu?",
      'config_error/file_not_found',
    ],
  ],
  [
    ['lgpio: claimed GPIO 17 as output', '!config_error/invalid_config'],
    ['Found RP2040 device in BOOTSEL mode at bus 1, address 12.', '!config_error/file_not_found'],
    ['Info : clock speed 1000 kHz', '!timeout/request_timeout'],
  ],
);

familyByPackage(
  'Bluetooth on the robot host: BlueZ as bleak and bluetoothctl show it',
  [
    ['bleak.exc.BleakDBusError: [org.bluez.Error.NotReady] Resource Not Ready', 'config_error/invalid_config'],
    ['bleak.exc.BleakDBusError: [org.bluez.Error.Failed] le-connection-abort-by-local', 'timeout/request_timeout'],
    ['[bluetooth]# connect 00:11:22:33:44:55\nNo default controller available', 'config_error/file_not_found'],
  ],
  [
    ['[CHG] Controller 00:1A:7D:DA:71:13 Powered: yes', '!config_error/invalid_config'],
    ['[CHG] Device 00:11:22:33:44:55 Connected: yes', '!timeout/request_timeout'],
  ],
);

; Boot sector run by the KVM probe (accelerator.ts embeds its bytes): real mode -> protected mode -> unreal mode,
; then reports success through the isa-debug-exit device (QEMU exit code 99). Build: nasm -f bin kvm-probe.asm
bits 16
org 0x7c00
start:
  cli
  xor ax, ax
  mov ds, ax
  lgdt [gdtr]
  mov eax, cr0
  or al, 1
  mov cr0, eax
  jmp 0x08:pm
bits 32
pm:
  mov ax, 0x10
  mov ds, ax
  mov es, ax
  ; write something above 1MB
  mov dword [0x100000], 0x12345678
  jmp 0x18:pm16
bits 16
pm16:
  mov eax, cr0
  and al, 0xfe
  mov cr0, eax
  jmp 0:rm
rm:
  xor ax, ax
  mov ds, ax
  ; unreal mode read above 1MB via 32-bit offset with ds limit 4G kept
  mov ebx, 0x100000
  mov eax, [ebx]
  cmp eax, 0x12345678
  jne fail
  mov al, 0x31
  out 0xf4, al
fail:
  mov al, 0x32
  out 0xf4, al
  hlt
gdt:
  dq 0
  dq 0x00CF9A000000FFFF ; code32
  dq 0x00CF92000000FFFF ; data32 4G
  dq 0x00009A000000FFFF ; code16
gdtr:
  dw gdtr - gdt - 1
  dd gdt
times 510-($-$$) db 0
dw 0xaa55

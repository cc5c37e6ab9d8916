! libgfortran under the emulator: list-directed and formatted output, internal files,
! a sequential formatted file written, rewound and read back, an unformatted direct-access
! file, array intrinsics, derived types and allocatable arrays.
program shim_fortran
  implicit none
  type point
     real(8) :: x, y
     character(len=8) :: label
  end type point
  integer, parameter :: n = 10
  integer :: i, ios, total, u, rec(4)
  real(8) :: a(n), m(3, 3)
  real(8), allocatable :: b(:)
  character(len=64) :: line, buf
  type(point) :: pts(3)

  do i = 1, n
     a(i) = real(i, 8) ** 2 / 3.0d0
  end do
  write (*, '(a)') 'formatted output:'
  write (*, '(5f10.4)') a
  write (*, '(a, i6, a, es12.4)') ' sum ', int(sum(a)), ' max ', maxval(a)
  write (*, '(a, 3i4)') ' maxloc/minloc/count', maxloc(a), minloc(a), count(a > 10.0d0)

  m = reshape([(real(i, 8), i = 1, 9)], [3, 3])
  m = matmul(m, transpose(m))
  write (*, '(a)') 'matmul:'
  do i = 1, 3
     write (*, '(3f8.1)') m(i, :)
  end do

  write (buf, '(a, i0, a, f0.3)') 'internal ', 42, ' pi=', acos(-1.0d0)
  write (*, '(a)') trim(buf)
  read (buf(10:11), *) total
  write (*, '(a, i0)') 'read back from internal file: ', total

  open (newunit=u, file='shim_fortran.tmp', status='replace', action='readwrite', iostat=ios)
  write (*, '(a, i0)') 'open iostat ', ios
  do i = 1, 5
     write (u, '(a, i0, a, i0)') 'record ', i, ' value ', i * 11
  end do
  rewind (u)
  total = 0
  do
     read (u, '(a)', iostat=ios) line
     if (ios /= 0) exit
     total = total + 1
     if (total == 4) write (*, '(a, a)') 'fourth line: ', trim(line)
  end do
  write (*, '(a, i0, a, l1)') 'lines read ', total, ' eof ', is_iostat_end(ios)
  close (u, status='delete')

  open (newunit=u, file='shim_fortran.bin', access='direct', recl=16, form='unformatted', &
        status='replace')
  do i = 4, 1, -1
     write (u, rec=i) i * 100, -i, i * i, 7
  end do
  read (u, rec=3) rec
  write (*, '(a, 4i6)') 'direct record 3:', rec
  close (u, status='delete')

  allocate (b(0:6))
  b = [(real(i, 8) * 0.5d0, i = 0, 6)]
  write (*, '(a, i0, a, i0, a, f6.2)') 'allocated ', lbound(b, 1), ':', ubound(b, 1), &
       ' dot ', dot_product(b, b)
  deallocate (b)

  pts = [point(1d0, 2d0, 'first'), point(-1.5d0, 0.25d0, 'second'), point(3d0, -4d0, 'third')]
  do i = 1, 3
     write (*, '(a8, 2f8.3, f8.3)') pts(i)%label, pts(i)%x, pts(i)%y, hypot(pts(i)%x, pts(i)%y)
  end do
  write (*, *) 'list-directed:', 1, 2.5d0, .true., 'text'
end program shim_fortran
